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
  // Every lookup goes through a Map built once per report: linear in the number of packages, tests and outputs
  // (a `find` per differing row made 40k packages take seconds), and no name can hit Object.prototype.
  const byKind = new Map<string, Set<string>>();
  for (const d of result.differences) {
    const set = byKind.get(d.kind) ?? new Set<string>();
    set.add(d.subject);
    byKind.set(d.kind, set);
  }
  const subjects = (kind: string) => byKind.get(kind) ?? new Set<string>();
  const index = reports.map((r) => ({
    installed: new Map(r.installed.map((p) => [p.name, p.version])),
    tests: new Map((r.tests?.cases ?? []).map((c) => [c.id, c.outcome])),
    metrics: new Map(Object.entries(r.metrics)),
    outputs: new Map(r.outputs.map((o) => [o.path, o.sha256])),
    margins: new Map(r.margins.map((m) => [m.id, m])),
  }));
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
    "dataset",
    reports.map((r) => r.dataset ?? "-"),
    subjects("dataset").size > 0,
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
      index.map((r) => r.installed.get(name) ?? "-"),
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
      index.map((r) => r.tests.get(id) ?? "-"),
      true,
    );
  }
  const metricNames = [...new Set(index.flatMap((r) => [...r.metrics.keys()]))].sort();
  const badMetrics = subjects("metric");
  for (const name of metricNames)
    row(
      name,
      index.map((r) => (r.metrics.has(name) ? String(r.metrics.get(name)) : "-")),
      badMetrics.has(name),
    );
  const outputPaths = [...new Set(reports.flatMap((r) => r.outputs.map((o) => o.path)))];
  const badOutputs = subjects("output");
  for (const p of outputPaths) {
    row(
      p,
      index.map((r) => short(r.outputs.get(p) ?? null)),
      badOutputs.has(p),
    );
  }
  const marginIds = [...new Set(reports.flatMap((r) => r.margins.map((m) => m.id)))];
  for (const id of marginIds) {
    const values = index.map((r) => {
      const m = r.margins.get(id);
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
  // A loop, not Math.max(...rows): spreading 100k+ rows overflows the call stack.
  const widths = header.map((cell) => cell.length);
  for (const r of body) r.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, cell.length)));
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
