import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { VerifyReportSchema } from "@ml-starter/schema";
import { describe, expect, it } from "vitest";
import { serializeReport, writeReport } from "../../src/report/write-report.js";
import { testdir } from "../helpers/project.js";
import { sampleReport } from "../helpers/report.js";

function keysSorted(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysSorted);
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    return (
      keys.every((k, i) => i === 0 || (keys[i - 1] as string) < k) &&
      Object.values(value).every(keysSorted)
    );
  }
  return true;
}

describe("report writing", () => {
  it("writes a schema-valid report with keys sorted at every level, LF and a trailing newline", async () => {
    const dir = await testdir();
    const file = path.join(dir, "nested", "report.json");
    await writeReport(file, sampleReport());
    const text = await readFile(file, "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).not.toContain("\r");
    const json = JSON.parse(text) as unknown;
    expect(VerifyReportSchema.safeParse(json).success).toBe(true);
    expect(keysSorted(json)).toBe(true);
    expect(text).toBe(serializeReport(sampleReport()));
    expect(await readdir(path.dirname(file))).toEqual(["report.json"]);
  });
});
