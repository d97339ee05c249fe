import type { VerifyReport } from "@ml-starter/schema";
import { toleranceFor } from "../check/metrics.js";

export type DifferenceKind =
  | "outcome"
  | "template"
  | "input"
  | "dataset"
  | "package"
  | "test"
  | "output"
  | "metric"
  | "margin";

export interface Difference {
  kind: DifferenceKind;
  /** What differs: a package, test id, metric, output path, margin id, or input file. */
  subject: string;
  /** Column labels of the reports involved (one for a per-report problem, two for a mismatch). */
  between: string[];
  message: string;
}

export interface CompareResult {
  ok: boolean;
  /** One label per report, `os/arch/runner` (made unique). */
  labels: string[];
  /** Packages allowed to differ: the union of every report's platform-specific set from uv.lock. */
  platformSpecific: string[];
  differences: Difference[];
}

/** Float noise guard for `|a - b| > tolerance`. */
const EPSILON = 1e-12;

/**
 * Compares reports from different machines: identical lock and pyproject hashes; identical installed sets except
 * platform-specific packages; identical test ids and outcomes; identical deterministic output hashes; model output
 * hashes identical between reports of the same OS and architecture; metrics within the declared tolerance; every
 * margin rule satisfied everywhere; every report successful. The first report is the reference.
 */
export function compareReports(reports: readonly VerifyReport[]): CompareResult {
  const labels = reportLabels(reports);
  const platformSpecific = [...new Set(reports.flatMap((r) => r.platformSpecific))].sort();
  const differences: Difference[] = [];
  const add = (kind: DifferenceKind, subject: string, between: string[], message: string) =>
    differences.push({ kind, subject, between, message: `${message} [${between.join(" vs ")}]` });

  reports.forEach((r, i) => {
    const label = labels[i] as string;
    if (r.outcome !== "success") {
      const why = r.failure
        ? `${r.failure.code}${r.failure.step ? ` at step ${r.failure.step}` : ""}`
        : r.outcome;
      add("outcome", "outcome", [label], `verification did not pass (${why})`);
    }
    for (const m of r.margins.filter((x) => !x.ok)) {
      add(
        "margin",
        m.id,
        [label],
        `margin ${m.id} fails: ${m.metric} ${m.kind === "delta" ? "-" : "/"} ${m.baseline} = ${fmt(m.actual)} < ${fmt(m.required)}`,
      );
    }
  });

  const ref = reports[0];
  if (ref !== undefined) {
    for (let i = 1; i < reports.length; i++) {
      const other = reports[i] as VerifyReport;
      const pair = [labels[0] as string, labels[i] as string];
      compareIdentity(ref, other, pair, add);
      compareDatasets(ref, other, pair, add);
      comparePackages(ref, other, pair, new Set(platformSpecific), add);
      compareTests(ref, other, pair, add);
      compareOutputs(ref, other, pair, "deterministic", add);
      compareMetrics(ref, other, pair, add);
    }
  }
  // Model outputs (weights, predictions) only reproduce bit-for-bit on the same OS and architecture.
  for (let i = 0; i < reports.length; i++) {
    for (let j = i + 1; j < reports.length; j++) {
      const a = reports[i] as VerifyReport;
      const b = reports[j] as VerifyReport;
      if (a.environment.os === b.environment.os && a.environment.arch === b.environment.arch) {
        compareOutputs(a, b, [labels[i] as string, labels[j] as string], "model", add);
      }
    }
  }
  return { ok: differences.length === 0, labels, platformSpecific, differences };
}

/** `os/arch/runner`, plus ` [container]` in container mode, plus `#n` when two reports would share a label. */
export function reportLabels(reports: readonly VerifyReport[]): string[] {
  const base = reports.map((r) => {
    const e = r.environment;
    return `${e.os}/${e.arch}/${e.runner}${r.mode === "container" ? " [container]" : ""}`;
  });
  return base.map((label, i) =>
    base.filter((l) => l === label).length > 1 ? `${label} #${i + 1}` : label,
  );
}

// --- internal ---

type Add = (kind: DifferenceKind, subject: string, between: string[], message: string) => void;

function compareIdentity(a: VerifyReport, b: VerifyReport, pair: string[], add: Add) {
  const ta = a.template ? `${a.template.id} ${a.template.version}` : "none";
  const tb = b.template ? `${b.template.id} ${b.template.version}` : "none";
  if (ta !== tb) add("template", "template", pair, `template ${ta} vs ${tb}`);
  if (JSON.stringify(a.tolerances) !== JSON.stringify(b.tolerances))
    add("template", "tolerances", pair, "declared metric tolerances differ");
  const inputs: Array<[keyof VerifyReport["inputs"], string]> = [
    ["uvLock", "uv.lock"],
    ["pyproject", "pyproject.toml"],
    ["pythonVersion", ".python-version"],
  ];
  for (const [key, file] of inputs) {
    if (a.inputs[key] !== b.inputs[key])
      add(
        "input",
        file,
        pair,
        `${file} hash differs (${short(a.inputs[key])} vs ${short(b.inputs[key])})`,
      );
  }
}

/**
 * Metrics of the synthetic set and of the real data measure different things: a pair that trained (or tested)
 * on different datasets is drift, named per step, never a metric difference to tolerate.
 */
function compareDatasets(a: VerifyReport, b: VerifyReport, pair: string[], add: Add) {
  if (a.dataset !== null && b.dataset !== null && a.dataset !== b.dataset)
    add("dataset", "dataset", pair, `trained on ${a.dataset} vs ${b.dataset} data: not comparable`);
  const used = new Map(b.steps.map((s) => [s.id, s.data?.dataset ?? null]));
  for (const step of a.steps) {
    const x = step.data?.dataset ?? null;
    const y = used.get(step.id) ?? null;
    if (x !== null && y !== null && x !== y)
      add("dataset", `step ${step.id}`, pair, `step ${step.id} used ${x} vs ${y} data`);
  }
}

function comparePackages(
  a: VerifyReport,
  b: VerifyReport,
  pair: string[],
  allowed: ReadonlySet<string>,
  add: Add,
) {
  const va = new Map(a.installed.map((p) => [p.name, p.version]));
  const vb = new Map(b.installed.map((p) => [p.name, p.version]));
  for (const name of [...new Set([...va.keys(), ...vb.keys()])].sort()) {
    if (allowed.has(name)) continue;
    const x = va.get(name);
    const y = vb.get(name);
    if (x !== y)
      add("package", name, pair, `${name} ${x ?? "(not installed)"} vs ${y ?? "(not installed)"}`);
  }
}

function compareTests(a: VerifyReport, b: VerifyReport, pair: string[], add: Add) {
  if ((a.tests === null) !== (b.tests === null)) {
    add(
      "test",
      "tests",
      pair,
      `test results ${a.tests ? "present" : "missing"} vs ${b.tests ? "present" : "missing"}`,
    );
    return;
  }
  const oa = new Map((a.tests?.cases ?? []).map((c) => [c.id, c.outcome]));
  const ob = new Map((b.tests?.cases ?? []).map((c) => [c.id, c.outcome]));
  for (const id of [...new Set([...oa.keys(), ...ob.keys()])].sort()) {
    const x = oa.get(id);
    const y = ob.get(id);
    if (x !== y) add("test", id, pair, `test ${id} ${x ?? "(not run)"} vs ${y ?? "(not run)"}`);
  }
}

function compareOutputs(
  a: VerifyReport,
  b: VerifyReport,
  pair: string[],
  kind: "deterministic" | "model",
  add: Add,
) {
  const ha = new Map(a.outputs.filter((o) => o.kind === kind).map((o) => [o.path, o.sha256]));
  const hb = new Map(b.outputs.filter((o) => o.kind === kind).map((o) => [o.path, o.sha256]));
  for (const p of [...new Set([...ha.keys(), ...hb.keys()])].sort()) {
    const x = ha.get(p) ?? null;
    const y = hb.get(p) ?? null;
    if (x === null && y === null) add("output", p, pair, `${kind} output ${p} missing in both`);
    else if (x !== y)
      add("output", p, pair, `${kind} output ${p} hash differs (${short(x)} vs ${short(y)})`);
  }
}

function compareMetrics(a: VerifyReport, b: VerifyReport, pair: string[], add: Add) {
  // Maps, not property reads: a metric named `constructor` or `toString` must not find Object.prototype's.
  const ma = new Map(Object.entries(a.metrics));
  const mb = new Map(Object.entries(b.metrics));
  for (const name of [...new Set([...ma.keys(), ...mb.keys()])].sort()) {
    const x = ma.get(name);
    const y = mb.get(name);
    if (x === undefined || y === undefined) {
      add(
        "metric",
        name,
        pair,
        `${name} ${x === undefined ? "missing" : fmt(x)} vs ${y === undefined ? "missing" : fmt(y)}`,
      );
      continue;
    }
    const tolerance = toleranceFor(name, a.tolerances);
    const delta = Math.abs(x - y);
    if (delta > tolerance + EPSILON) {
      add(
        "metric",
        name,
        pair,
        `${name} differs by ${fmt(delta)} > ${fmt(tolerance)} (${fmt(x)} vs ${fmt(y)})`,
      );
    }
  }
}

function fmt(x: number | null): string {
  return x === null ? "n/a" : String(Number(x.toPrecision(6)));
}

function short(hash: string | null): string {
  return hash === null ? "missing" : hash.slice(0, 12);
}
