import { cp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { VerifyReportSchema, type VerifyReport } from "@ml-starter/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { pathWithoutUv, runVerifier } from "../helpers/built-cli.js";
import { readJson } from "../helpers/project.js";

export interface Scenario {
  /** A fresh project dir (generated or copied), outside the repo, with spaces in its path. */
  project: () => Promise<string>;
  /** A scratch dir for copies and reports. */
  scratch: () => Promise<string>;
  /** Something every good report must show, e.g. the template id. */
  templateId: string;
}

const REPORT = ["outputs", "verify", "report.json"];
const withoutDurations = (r: VerifyReport) => ({
  ...r,
  steps: r.steps.map(({ durationMs: _d, ...s }) => s),
});

async function reportOf(dir: string): Promise<VerifyReport> {
  return VerifyReportSchema.parse(await readJson(path.join(dir, ...REPORT)));
}

/** Copy of a project without its environment or previous outputs. */
async function copyProject(from: string, to: string): Promise<string> {
  await cp(from, to, {
    recursive: true,
    filter: (src) => !/[\\/](\.venv|outputs|data)$/.test(src),
  });
  return to;
}

/** The verifier's end-to-end checks with real uv and pytest, against any generated project. */
export function describeVerifierScenarios(name: string, scenario: Scenario): void {
  describe(name, () => {
    let dir: string;
    let scratch: string;
    let first: VerifyReport;

    beforeAll(async () => {
      dir = await scenario.project();
      scratch = await scenario.scratch();
    });

    it("exits 0 and writes a schema-valid report with the full fingerprint", async () => {
      const run = await runVerifier([dir]);
      expect(run.exitCode, run.all).toBe(0);
      first = await reportOf(dir);
      expect(first).toMatchObject({
        outcome: "success",
        failure: null,
        template: { id: scenario.templateId },
      });
      expect(first.steps.every((s) => s.status === "passed")).toBe(true);
      expect(first.environment.uv).toMatch(/^uv \d+\.\d+\.\d+/);
      expect(first.environment.python?.implementation).toBe("CPython");
      expect(first.inputs.uvLock).toMatch(/^[0-9a-f]{64}$/);
      expect(first.installed.length).toBeGreaterThan(3);
      expect(first.installed.map((p) => p.name)).toContain("pytest");
      expect(first.tests?.total).toBeGreaterThan(0);
      expect(first.tests?.failed).toBe(0);
      expect(Object.keys(first.metrics).length).toBeGreaterThan(0);
      expect(first.outputs.every((o) => o.sha256 !== null)).toBe(true);
      expect(first.margins.every((m) => m.ok)).toBe(true);
      expect(await readFile(path.join(dir, "outputs", "verify", "report.md"), "utf8")).toContain(
        "✅ success",
      );
    });

    it("gives an identical report on a second run, apart from durationMs", async () => {
      const run = await runVerifier([dir]);
      expect(run.exitCode, run.all).toBe(0);
      expect(withoutDurations(await reportOf(dir))).toEqual(withoutDurations(first));
    });

    it("compare passes for two good reports and names an altered package, lock hash and metric", async () => {
      const a = path.join(scratch, "a.json");
      const b = path.join(scratch, "b.json");
      await cp(path.join(dir, ...REPORT), a);
      await cp(path.join(dir, ...REPORT), b);
      const same = await runVerifier(["compare", a, b]);
      expect(same.exitCode, same.all).toBe(0);
      expect(same.stdout).toContain("No drift");

      const altered = structuredClone(first);
      const pkg = altered.installed.find((p) => p.name === "pytest") as { version: string };
      const was = pkg.version;
      pkg.version = "0.0.1";
      altered.inputs.uvLock = "0".repeat(64);
      const metric = Object.keys(altered.metrics)[0] as string;
      altered.metrics[metric] = (altered.metrics[metric] as number) + 0.5;
      const c = path.join(scratch, "c.json");
      await writeFile(c, JSON.stringify(altered));
      const drift = await runVerifier(["compare", a, c]);
      expect(drift.exitCode, drift.all).toBe(4);
      expect(drift.stdout).toContain(`pytest ${was} vs 0.0.1`);
      expect(drift.stdout).toContain("uv.lock hash differs");
      expect(drift.stdout).toContain(`${metric} differs by 0.5`);
    });

    it("fails at the lock step on pyproject drift without touching uv.lock or pyproject.toml", async () => {
      const copy = await copyProject(dir, path.join(scratch, "drift project"));
      const pyproject = path.join(copy, "pyproject.toml");
      const text = await readFile(pyproject, "utf8");
      await writeFile(
        pyproject,
        text.replace(/^dependencies = \[/m, 'dependencies = ["six==1.17.0", '),
      );
      const before = await Promise.all(
        ["uv.lock", "pyproject.toml"].map((f) => readFile(path.join(copy, f))),
      );
      const run = await runVerifier([copy]);
      expect(run.exitCode, run.all).toBe(4);
      const report = await reportOf(copy);
      expect(report.failure).toMatchObject({ code: "lock_out_of_date", step: "lock-check" });
      expect(report.steps.slice(1).every((s) => s.status === "not-run")).toBe(true);
      const after = await Promise.all(
        ["uv.lock", "pyproject.toml"].map((f) => readFile(path.join(copy, f))),
      );
      expect(after).toEqual(before);
    });

    it("reports lock_missing when uv.lock is deleted, and does not create one", async () => {
      const copy = await copyProject(dir, path.join(scratch, "no lock project"));
      await rm(path.join(copy, "uv.lock"));
      const run = await runVerifier([copy]);
      expect(run.exitCode, run.all).toBe(4);
      expect((await reportOf(copy)).failure).toMatchObject({
        code: "lock_missing",
        step: "lock-check",
      });
      await expect(readFile(path.join(copy, "uv.lock"))).rejects.toThrow();
    });

    it('exits 3 with tool_missing "uv" and a complete report when uv is not on PATH', async () => {
      const copy = await copyProject(dir, path.join(scratch, "no uv project"));
      const run = await runVerifier([copy], { env: { ...process.env, PATH: pathWithoutUv() } });
      expect(run.exitCode, run.all).toBe(3);
      expect(run.stderr).toContain("uv not found on PATH");
      const report = await reportOf(copy);
      expect(report).toMatchObject({ outcome: "error", failure: { code: "tool_missing" } });
      expect(report.failure?.message).toMatch(/^uv not found on PATH: install uv/);
      expect(report.steps.length).toBe(first.steps.length);
      expect(report.steps.every((s) => s.status === "not-run")).toBe(true);
      expect(report.inputs).toEqual(first.inputs);
      expect(report.platformSpecific).toEqual(first.platformSpecific);
    });
  });
}
