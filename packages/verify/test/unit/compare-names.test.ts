import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { VerifyPlanSchema, VerifyReportSchema } from "@ml-starter/schema";
import { describe, expect, it } from "vitest";
import { compareReports } from "../../src/report/compare.js";
import { renderCompareTable } from "../../src/report/compare-table.js";
import { readMetrics } from "../../src/check/metrics.js";
import { readReportFile } from "../../src/report/read-report.js";
import { testdir } from "../helpers/project.js";
import { serializeReport } from "../../src/report/write-report.js";
import { onMac, sampleReport } from "../helpers/report.js";

/** Through JSON and the schema, as `compare` reads report files. */
const roundTrip = (text: string) => VerifyReportSchema.parse(JSON.parse(text));

describe("compare: metric names that are Object.prototype members", () => {
  it.each(["constructor", "toString", "hasOwnProperty", "valueOf"])(
    "%s: 1 vs 999 is drift, and missing on one side is named",
    (name) => {
      const a = roundTrip(serializeReport(sampleReport((r) => (r.metrics[name] = 1))));
      const b = roundTrip(serializeReport(sampleReport(onMac)));
      b.metrics[name] = 999;
      expect(compareReports([a, b]).differences).toEqual([
        expect.objectContaining({ kind: "metric", subject: name }),
      ]);
      const c = roundTrip(serializeReport(sampleReport(onMac)));
      const missing = [
        ...compareReports([a, c]).differences,
        ...compareReports([c, a]).differences,
      ];
      expect(missing.map((d) => [d.kind, d.subject])).toEqual([
        ["metric", name],
        ["metric", name],
      ]);
      expect(missing[0]?.message).toMatch(/1 vs missing/);
      expect(missing[1]?.message).toMatch(/missing vs 1/);
    },
  );
});

describe("compare: __proto__, duplicate outputs, size", () => {
  it("a report with a metric named __proto__ is refused, not compared as 'no drift'", async () => {
    const dir = await testdir();
    const text = serializeReport(sampleReport()).replace(
      '"metrics": {',
      '"metrics": {\n    "__proto__": 999,',
    );
    const json = JSON.parse(text) as { metrics: object };
    expect(Object.hasOwn(json.metrics, "__proto__")).toBe(true); // really in the file
    const file = path.join(dir, "a.json");
    await writeFile(file, text);
    const read = await readReportFile(file);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toContain('a key is "__proto__"');
  });

  it("a metrics file with a model named __proto__ is metrics_invalid", async () => {
    const dir = await testdir();
    await mkdir(path.join(dir, "outputs"));
    await writeFile(
      path.join(dir, "outputs", "metrics.json"),
      '{"schema_version":1,"archetype":"x","dataset":"synthetic","seed":1,"models":{"__proto__":{"accuracy":1}}}',
    );
    const result = await readMetrics(dir, "outputs/metrics.json");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.join(" ")).toContain('"__proto__"');
  });

  it("duplicate output entries are a schema error, in a report and in ml-starter.json", () => {
    const dup = {
      ...sampleReport(),
      outputs: [
        { path: "models/m.txt", kind: "model", sha256: "a".repeat(64) },
        { path: "models/m.txt", kind: "model", sha256: "b".repeat(64) },
      ],
    };
    const parsed = VerifyReportSchema.safeParse(JSON.parse(JSON.stringify(dup)));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([
      "outputs",
      "output paths must be unique",
    ]);
    const plan = {
      tools: [{ name: "uv", minVersion: "0.1.0", required: true, hint: "x" }],
      steps: [{ id: "a", title: "a", role: "other", run: ["uv"], timeoutMs: 1000 }],
      outputs: [
        { path: "o.csv", kind: "deterministic" },
        { path: "o.csv", kind: "model" },
      ],
      metrics: { file: "m.json", tolerances: [], margins: [] },
    };
    expect(VerifyPlanSchema.safeParse(plan).error?.issues[0]?.message).toBe(
      "output paths must be unique",
    );
  });

  it("the table reads metrics through a Map: a name like `constructor` missing on one side shows '-'", () => {
    const a = sampleReport((r) => (r.metrics["constructor"] = 1));
    const b = sampleReport(onMac);
    const table = renderCompareTable([a, b], compareReports([a, b]));
    expect(table).toMatch(/✗ +constructor +1 +-\n/);
    expect(table).not.toContain("native code");
  });
});
