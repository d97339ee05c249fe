// Times `compare` (compareReports + the table) on two reports of N installed packages that all differ, N from
// argv (default 40000), using the built dist. Prints one line per N; memory is the peak RSS seen.
import { performance } from "node:perf_hooks";
import { compareReports, renderCompareTable } from "../dist/index.js";
import { emptyReport } from "../dist/report-draft.js";

function report(n, version) {
  const r = emptyReport("host");
  Object.assign(r.environment, { os: "linux", osRelease: "6", arch: "x64" });
  r.installed = Array.from({ length: n }, (_, i) => ({ name: `pkg-${i}`, version }));
  r.tests = {
    total: n,
    passed: n,
    failed: 0,
    errors: 0,
    skipped: 0,
    cases: Array.from({ length: n }, (_, i) => ({ id: `t${i}`, outcome: version === "1" ? "passed" : "failed" })),
  };
  return r;
}

for (const n of (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["40000"]).map(Number)) {
  const a = report(n, "1");
  const b = report(n, "2");
  const started = performance.now();
  const result = compareReports([a, b]);
  const table = renderCompareTable([a, b], result);
  const ms = performance.now() - started;
  console.log(
    `n=${n}: ${result.differences.length} differences, table ${(table.length / 1e6).toFixed(1)} MB, ${ms.toFixed(0)} ms, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
}
