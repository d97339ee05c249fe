import type { VerifyReport } from "@ml-starter/schema";
import type { CompareResult } from "./compare.js";

/**
 * A side-by-side text table (one column per report) of the fingerprint, with a row for every package, test,
 * metric and output that differs, followed by the list of differences. Rows that differ start with `✗`.
 */
export function renderCompareTable(
  reports: readonly VerifyReport[],
  result: CompareResult,
): string {
  const subjects = (kind: string) =>
    new Set(result.differences.filter((d) => d.kind === kind).map((d) => d.subject));
  const rows: Array<[string, string[], boolean]> = [];
  const row = (name: string, values: string[], differs?: boolean) =>
    rows.push([name, values, differs ?? new Set(values).size > 1]);

  row(
    "outcome",
    reports.map((r) => (r.failure ? `${r.outcome} (${r.failure.code})` : r.outcome)),
    reports.some((r) => r.outcome !== "success"),
  );
  row(
    "template",
    reports.map((r) => (r.template ? `${r.template.id} ${r.template.version}` : "-")),
  );
  row(
    "python",
    reports.map((r) =>
      r.environment.python
        ? `${r.environment.python.version.split(" ")[0]} ${r.environment.python.machine}`
        : "-",
    ),
    false,
  );
  row(
    "uv",
    reports.map((r) => r.environment.uv ?? "-"),
    false,
  );
  row(
    "uv.lock",
    reports.map((r) => short(r.inputs.uvLock)),
  );
  row(
    "pyproject.toml",
    reports.map((r) => short(r.inputs.pyproject)),
  );
  row(
    ".python-version",
    reports.map((r) => short(r.inputs.pythonVersion)),
  );
  row(
    "packages",
    reports.map((r) => String(r.installed.length)),
    subjects("package").size > 0,
  );
  for (const name of subjects("package")) {
    row(
      `  ${name}`,
      reports.map((r) => r.installed.find((p) => p.name === name)?.version ?? "-"),
      true,
    );
  }
  row(
    "tests",
    reports.map((r) => (r.tests ? `${r.tests.passed}/${r.tests.total} passed` : "-")),
    subjects("test").size > 0,
  );
  for (const id of subjects("test")) {
    row(
      `  ${id}`,
      reports.map((r) => r.tests?.cases.find((c) => c.id === id)?.outcome ?? "-"),
      true,
    );
  }
  const metricNames = [...new Set(reports.flatMap((r) => Object.keys(r.metrics)))].sort();
  const badMetrics = subjects("metric");
  for (const name of metricNames)
    row(
      name,
      reports.map((r) => (r.metrics[name] === undefined ? "-" : String(r.metrics[name]))),
      badMetrics.has(name),
    );
  const outputPaths = [...new Set(reports.flatMap((r) => r.outputs.map((o) => o.path)))];
  const badOutputs = subjects("output");
  for (const p of outputPaths) {
    row(
      p,
      reports.map((r) => short(r.outputs.find((o) => o.path === p)?.sha256 ?? null)),
      badOutputs.has(p),
    );
  }
  const marginIds = [...new Set(reports.flatMap((r) => r.margins.map((m) => m.id)))];
  for (const id of marginIds) {
    const values = reports.map((r) => {
      const m = r.margins.find((x) => x.id === id);
      return m ? `${m.ok ? "ok" : "FAIL"} ${m.actual ?? "n/a"}` : "-";
    });
    row(
      `margin ${id}`,
      values,
      values.some((v) => v.startsWith("FAIL")),
    );
  }

  const header = ["", "", ...result.labels];
  const body = rows.map(([name, values, differs]) => [differs ? "✗" : "", name, ...values]);
  const widths = header.map((_, c) =>
    Math.max(...[header, ...body].map((r) => (r[c] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line), ""];
  if (result.ok) out.push(`No drift: ${reports.length} reports agree.`);
  else {
    out.push(`${result.differences.length} difference${result.differences.length > 1 ? "s" : ""}:`);
    for (const d of result.differences) out.push(`  - ${d.message}`);
  }
  if (result.platformSpecific.length > 0)
    out.push(`(allowed to differ by platform: ${result.platformSpecific.join(", ")})`);
  return `${out.join("\n")}\n`;
}

function short(hash: string | null): string {
  return hash === null ? "missing" : hash.slice(0, 12);
}
