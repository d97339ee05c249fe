import { VerifyReportSchema, type VerifyReport } from "@ml-starter/schema";
import { emptyReport } from "../../src/report/report-draft.js";

const h = (c: string) => c.repeat(64);

/** A complete, schema-valid, successful report of a classification run on linux/x64; tweak with `edit`. */
export function sampleReport(edit: (r: VerifyReport) => void = () => {}): VerifyReport {
  const r = emptyReport("host");
  r.template = { id: "classification", version: "0.1.0" };
  r.generator = { name: "create-ml-starter", version: "0.1.0" };
  r.project = { distName: "titanic-starter", importName: "titanic_starter" };
  Object.assign(r.environment, {
    os: "linux",
    osRelease: "6.8.0",
    arch: "x64",
    runner: "local",
    uv: "uv 0.13.8",
    git: "git version 2.45.0",
    python: { version: "3.11.7 (main)", implementation: "CPython", machine: "x86_64" },
  });
  r.inputs = { uvLock: h("1"), pyproject: h("2"), pythonVersion: h("3") };
  r.installed = [
    { name: "lightgbm", version: "4.7.0" },
    { name: "numpy", version: "2.4.6" },
    { name: "pandas", version: "3.0.6" },
  ];
  r.platformSpecific = ["colorama"];
  r.tests = {
    total: 2,
    passed: 2,
    failed: 0,
    errors: 0,
    skipped: 0,
    cases: [
      { id: "tests.test_a::test_one", outcome: "passed" },
      { id: "tests.test_a::test_two", outcome: "passed" },
    ],
  };
  r.metrics = { "gender.accuracy": 0.76, "lightgbm.accuracy": 0.8123 };
  r.tolerances = [
    { metric: "gender.*", abs: 0 },
    { metric: "lightgbm.*", abs: 0.005 },
  ];
  r.outputs = [
    { path: "data/synthetic/train.csv", kind: "deterministic", sha256: h("a") },
    { path: "outputs/submission.csv", kind: "model", sha256: h("b") },
  ];
  r.margins = [
    {
      id: "accuracy-over-gender",
      metric: "lightgbm.accuracy",
      baseline: "gender.accuracy",
      kind: "delta",
      required: 0.05,
      actual: 0.0523,
      ok: true,
    },
  ];
  edit(r);
  return VerifyReportSchema.parse(r);
}

/** The same run as seen from another machine. */
export const onMac = (r: VerifyReport) =>
  Object.assign(r.environment, { os: "darwin", arch: "arm64", runner: "macOS/ARM64/macos15" });
