import { describe, expect, it } from "vitest";
import { compareReports } from "../../src/report/compare.js";
import { renderCompareTable } from "../../src/report/compare-table.js";
import { onMac, sampleReport } from "../helpers/report.js";

const messages = (...reports: Parameters<typeof compareReports>[0]) =>
  compareReports(reports).differences.map((d) => d.message);

describe("compareReports", () => {
  it("passes two reports from one machine and two from different machines", () => {
    expect(compareReports([sampleReport(), sampleReport()])).toMatchObject({
      ok: true,
      differences: [],
    });
    const result = compareReports([sampleReport(), sampleReport(onMac)]);
    expect(result.ok).toBe(true);
    expect(result.labels).toEqual(["linux/x64/local", "darwin/arm64/macOS/ARM64/macos15"]);
  });

  it("labels reports from the same machine apart", () => {
    expect(compareReports([sampleReport(), sampleReport()]).labels).toEqual([
      "linux/x64/local #1",
      "linux/x64/local #2",
    ]);
  });

  it("names an altered package version, a missing package, and allows platform-specific ones", () => {
    const other = sampleReport((r) => {
      r.installed = [
        { name: "colorama", version: "0.4.6" },
        { name: "lightgbm", version: "4.7.0" },
        { name: "numpy", version: "2.4.5" },
      ];
    });
    const result = compareReports([sampleReport(), other]);
    expect(result.ok).toBe(false);
    expect(result.differences.map((d) => [d.kind, d.subject])).toEqual([
      ["package", "numpy"],
      ["package", "pandas"],
    ]);
    expect(result.differences[0]?.message).toContain("numpy 2.4.6 vs 2.4.5");
    expect(result.differences[1]?.message).toContain("pandas 3.0.6 vs (not installed)");
  });

  it("names a different lock hash", () => {
    const out = messages(
      sampleReport(),
      sampleReport((r) => (r.inputs.uvLock = "f".repeat(64))),
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^uv\.lock hash differs \(111111111111 vs ffffffffffff\)/);
  });

  it("names a metric outside its tolerance, by how much, and accepts one inside", () => {
    const inside = sampleReport((r) => (r.metrics["lightgbm.accuracy"] = 0.8163));
    expect(messages(sampleReport(), inside)).toEqual([]);
    const outside = sampleReport((r) => (r.metrics["lightgbm.accuracy"] = 0.8));
    expect(messages(sampleReport(), outside)).toEqual([
      "lightgbm.accuracy differs by 0.0123 > 0.005 (0.8123 vs 0.8) [linux/x64/local #1 vs linux/x64/local #2]",
    ]);
    const exact = sampleReport((r) => (r.metrics["gender.accuracy"] = 0.7600001));
    expect(messages(sampleReport(), exact)[0]).toContain("gender.accuracy differs by 1e-7 > 0");
  });

  it("names test ids and outcomes that differ", () => {
    const other = sampleReport((r) => {
      r.tests = {
        ...r.tests!,
        passed: 1,
        failed: 1,
        cases: [
          { id: "tests.test_a::test_one", outcome: "failed" },
          { id: "tests.test_a::test_two", outcome: "passed" },
        ],
      };
    });
    expect(messages(sampleReport(), other)).toEqual([
      "test tests.test_a::test_one passed vs failed [linux/x64/local #1 vs linux/x64/local #2]",
    ]);
  });

  it("requires identical deterministic outputs everywhere but model outputs only on the same OS and arch", () => {
    const otherModel = (r: Parameters<typeof onMac>[0]) => {
      r.outputs = r.outputs.map((o) => (o.kind === "model" ? { ...o, sha256: "c".repeat(64) } : o));
    };
    expect(
      compareReports([sampleReport(), sampleReport((r) => (onMac(r), otherModel(r)))]).ok,
    ).toBe(true);
    expect(messages(sampleReport(), sampleReport(otherModel))[0]).toContain(
      "model output outputs/submission.csv hash differs",
    );
    const otherData = sampleReport((r) => {
      onMac(r);
      r.outputs = r.outputs.map((o) =>
        o.kind === "deterministic" ? { ...o, sha256: "d".repeat(64) } : o,
      );
    });
    expect(messages(sampleReport(), otherData)[0]).toContain(
      "deterministic output data/synthetic/train.csv hash differs",
    );
  });

  it("fails when a margin fails or a report did not pass", () => {
    const bad = sampleReport((r) => {
      r.margins = r.margins.map((m) => ({ ...m, actual: 0.01, ok: false }));
      r.outcome = "failure";
      r.failure = { code: "margin_failed", step: null, message: "x" };
    });
    expect(messages(sampleReport(), bad)).toEqual([
      "verification did not pass (margin_failed) [linux/x64/local #2]",
      "margin accuracy-over-gender fails: lightgbm.accuracy - gender.accuracy = 0.01 < 0.05 [linux/x64/local #2]",
    ]);
  });

  it("renders a side-by-side table with one column per report and the named differences", () => {
    const a = sampleReport();
    const b = sampleReport((r) => {
      onMac(r);
      r.installed = r.installed.map((p) => (p.name === "numpy" ? { ...p, version: "2.4.5" } : p));
    });
    const result = compareReports([a, b]);
    const table = renderCompareTable([a, b], result);
    expect(table).toMatch(/linux\/x64\/local\s+darwin\/arm64\/macOS\/ARM64\/macos15/);
    expect(table).toMatch(/✗\s+numpy\s+2\.4\.6\s+2\.4\.5/);
    expect(table).toContain("1 difference:");
    expect(table).toContain("numpy 2.4.6 vs 2.4.5");
    expect(renderCompareTable([a, a], compareReports([a, a]))).toContain(
      "No drift: 2 reports agree.",
    );
  });

  it("flags a report trained on synthetic data compared with one trained on the real data, per step", () => {
    const step = (dataset: "synthetic" | "raw") => ({
      id: "train",
      role: "train",
      command: ["uv", "run", "train"],
      where: "host" as const,
      status: "passed" as const,
      exitCode: 0,
      timedOut: false,
      durationMs: 1,
      outputTail: "",
      cause: null,
      data: { dataset, source: "c".repeat(64) },
    });
    const synthetic = sampleReport((r) => {
      r.dataset = "synthetic";
      r.steps = [step("synthetic")];
    });
    const real = sampleReport((r) => {
      onMac(r);
      r.dataset = "raw";
      r.steps = [step("raw")];
    });
    const result = compareReports([synthetic, real]);
    expect(result.ok).toBe(false);
    expect(result.differences.map((d) => [d.kind, d.subject])).toEqual([
      ["dataset", "dataset"],
      ["dataset", "step train"],
    ]);
    expect(result.differences[0]?.message).toContain(
      "trained on synthetic vs raw data: not comparable",
    );
    expect(renderCompareTable([synthetic, real], result)).toMatch(/✗\s+dataset\s+synthetic\s+raw/);
    // Same dataset on both sides (and reports without step data) is no difference.
    expect(
      compareReports([synthetic, sampleReport((r) => void (r.dataset = "synthetic"))]).ok,
    ).toBe(true);
  });
});
