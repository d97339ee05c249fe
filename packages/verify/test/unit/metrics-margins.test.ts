import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateMargins } from "../../src/check/margins.js";
import { metricMatches, readMetrics, toleranceFor } from "../../src/check/metrics.js";
import { testdir } from "../helpers/project.js";

const metrics = {
  "gender.accuracy": 0.76,
  "lightgbm.accuracy": 0.81,
  "popular.map12": 0.01,
  "two_stage.map12": 0.015,
};

describe("margins", () => {
  it("passes a delta rule met exactly (no float noise) and fails one that is not", () => {
    const results = evaluateMargins(
      [
        { id: "exact", metric: "lightgbm.accuracy", baseline: "gender.accuracy", minDelta: 0.05 },
        {
          id: "too-much",
          metric: "lightgbm.accuracy",
          baseline: "gender.accuracy",
          minDelta: 0.06,
        },
      ],
      metrics,
    );
    expect(results).toEqual([
      {
        id: "exact",
        metric: "lightgbm.accuracy",
        baseline: "gender.accuracy",
        kind: "delta",
        required: 0.05,
        actual: 0.05,
        ok: true,
      },
      {
        id: "too-much",
        metric: "lightgbm.accuracy",
        baseline: "gender.accuracy",
        kind: "delta",
        required: 0.06,
        actual: 0.05,
        ok: false,
      },
    ]);
  });

  it("evaluates ratio rules and fails a rule whose metric is missing", () => {
    const [ratio, missing] = evaluateMargins(
      [
        { id: "ratio", metric: "two_stage.map12", baseline: "popular.map12", minRatio: 1.4 },
        { id: "missing", metric: "nope.map12", baseline: "popular.map12", minRatio: 1.4 },
      ],
      metrics,
    );
    expect(ratio).toMatchObject({ kind: "ratio", actual: 1.5, ok: true });
    expect(missing).toMatchObject({ actual: null, ok: false });
  });
});

describe("metrics", () => {
  it("matches tolerance patterns segment by segment", () => {
    expect(metricMatches("lightgbm.*", "lightgbm.accuracy")).toBe(true);
    expect(metricMatches("lightgbm.*", "lightgbm_f1.f1")).toBe(false);
    expect(metricMatches("*.map12", "two_stage.map12")).toBe(true);
    expect(
      toleranceFor("lightgbm.roc_auc", [
        { metric: "gender.*", abs: 0 },
        { metric: "lightgbm.*", abs: 0.005 },
      ]),
    ).toBe(0.005);
    expect(toleranceFor("other.x", [{ metric: "lightgbm.*", abs: 0.005 }])).toBe(0);
  });

  it("reads and flattens a metrics file, and lists what is wrong with a bad one", async () => {
    const dir = await testdir();
    await mkdir(path.join(dir, "outputs"));
    const file = path.join(dir, "outputs", "metrics.json");
    await writeFile(
      file,
      JSON.stringify({
        schema_version: 1,
        archetype: "c",
        dataset: "synthetic",
        seed: 1,
        models: { m: { a: 0.5 } },
      }),
    );
    expect(await readMetrics(dir, "outputs/metrics.json")).toEqual({
      ok: true,
      metrics: { "m.a": 0.5 },
      dataset: "synthetic",
    });
    await writeFile(file, JSON.stringify({ schema_version: 2, models: {} }));
    const bad = await readMetrics(dir, "outputs/metrics.json");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.join("\n")).toMatch(/schema_version/);
    expect(await readMetrics(dir, "outputs/none.json")).toEqual({
      ok: false,
      issues: ["outputs/none.json was not written"],
    });
  });
});
