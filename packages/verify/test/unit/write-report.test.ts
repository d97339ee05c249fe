import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { VerifyReportSchema } from "@ml-starter/schema";
import { describe, expect, it } from "vitest";
import { serializeReport, writeFileAtomic, writeReport } from "../../src/write-report.js";
import { testdir, stepScript } from "../helpers/project.js";
import { sampleReport } from "../helpers/report.js";

const BUILT = fileURLToPath(new URL("../../dist/write-report.js", import.meta.url));

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

  it("leaves no temp file behind when the rename fails", async () => {
    const dir = await testdir();
    const target = path.join(dir, "report.json");
    await writeFile(path.join(dir, "blocker"), "x");
    await expect(writeFileAtomic(path.join(dir, "blocker", "report.json"), "{}")).rejects.toThrow();
    await writeFileAtomic(target, "{}\n");
    expect((await readdir(dir)).sort()).toEqual(["blocker", "report.json"]);
  });

  it("never leaves truncated JSON when the writer is SIGKILLed mid-write", async () => {
    expect(
      existsSync(BUILT),
      "build the package first: pnpm --filter @ml-starter/verify build",
    ).toBe(true);
    const dir = await testdir();
    const file = path.join(dir, "report.json");
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, [stepScript("write-report-loop.mjs"), file], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      await new Promise((r) => setTimeout(r, 20 + round * 37));
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
      if (!existsSync(file)) continue; // killed before the first rename: no report is fine
      const parsed = JSON.parse(await readFile(file, "utf8")) as { tag: string; padding: string };
      expect(["A", "B"]).toContain(parsed.tag);
      expect(parsed.padding).toHaveLength(2_000_000);
    }
    expect(existsSync(file)).toBe(true);
    // The next write sweeps the temp files the killed writers left behind.
    await writeFileAtomic(file, "{}\n");
    expect(await readdir(dir)).toEqual(["report.json"]);
  });
});
