import { VerifyReportSchema } from "@ml-starter/schema";
import { describe, expect, it } from "vitest";
import { compareReports } from "../../src/compare.js";
import { serializeReport } from "../../src/write-report.js";
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
