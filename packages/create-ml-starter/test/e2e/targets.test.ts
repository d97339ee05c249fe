// Target paths users actually type, and the races and environments around them.
import path from "node:path";
import { readdir, readFile } from "node:fs/promises";
import { tempDirWithSpaces, treeState, type TempDir } from "@ml-starter/test-utils";
import { execa } from "execa";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILT_CLI, runBuiltCli } from "../built-cli.js";

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("targets");
});
afterEach(async () => tmp.cleanup());

const args = ["-a", "classification", "--no-install", "--no-git"];

describe("target paths", () => {
  it.each([
    ["a path with spaces", "my projects/titanic-starter"],
    ["non-ASCII parent folders", "Ünï cødé/プロジェクト/titanic-starter"],
    ["a path through ..", "a/../b/titanic-starter"],
  ])("%s works", async (_label, rel) => {
    const result = await runBuiltCli([rel, ...args], { cwd: tmp.path });
    expect(result.exitCode, result.all).toBe(0);
    const target = path.resolve(tmp.path, rel);
    expect(JSON.parse(await readFile(path.join(target, "ml-starter.json"), "utf8"))).toMatchObject({
      answers: { projectName: "titanic-starter", importName: "titanic_starter" },
    });
  });

  it("an absolute path works, whatever the cwd", async () => {
    const target = path.join(tmp.path, "abs", "titanic-starter");
    const result = await runBuiltCli([target, ...args], { cwd: "/" });
    expect(result.exitCode, result.all).toBe(0);
    await expect(readdir(target)).resolves.toContain("pyproject.toml");
  });

  it("a second run on the same target fails and changes nothing", async () => {
    expect((await runBuiltCli(["proj", ...args], { cwd: tmp.path })).exitCode).toBe(0);
    const before = await treeState(tmp.path);
    const again = await runBuiltCli(["proj", ...args], { cwd: tmp.path });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/is not empty/);
    expect(await treeState(tmp.path)).toEqual(before);
  });

  it("never stages in TMPDIR: generation works when TMPDIR does not exist", async () => {
    const result = await runBuiltCli(["proj", ...args], {
      cwd: tmp.path,
      env: {
        TMPDIR: path.join(tmp.path, "missing"),
        TEMP: path.join(tmp.path, "missing"),
        TMP: path.join(tmp.path, "missing"),
      },
    });
    expect(result.exitCode, result.all).toBe(0);
    expect(await readdir(tmp.path)).toEqual(["proj"]);
  });

  it("two CLI processes racing for one target: one wins, the other fails cleanly, never a mixed tree", async () => {
    const target = path.join(tmp.path, "raced");
    const start = () =>
      execa(process.execPath, [BUILT_CLI, target, ...args], { reject: false, stdin: "ignore" });
    const results = await Promise.all([start(), start(), start()]);
    const codes = results.map((r) => r.exitCode).sort();
    expect(codes).toEqual([0, 2, 2]);
    for (const r of results.filter((r) => r.exitCode === 2))
      expect(String(r.stderr)).toMatch(/not empty|Another @ml-starter\/create run/);
    expect(await readdir(tmp.path)).toEqual(["raced"]);
    const reference = path.join(tmp.path, "reference", "raced");
    expect((await runBuiltCli([reference, ...args])).exitCode).toBe(0);
    expect(Object.keys(await treeState(target)).sort()).toEqual(
      Object.keys(await treeState(reference)).sort(),
    );
  });
});

describe("--dry-run and --json", () => {
  it("--dry-run lists every file it would write and writes nothing", async () => {
    const r = await runBuiltCli(["my dir/proj", "-a", "regression", "--dry-run"], {
      cwd: tmp.path,
    });
    expect(r.exitCode, r.all).toBe(0);
    const lines = String(r.stdout).trim().split("\n");
    expect(lines[0]).toMatch(
      /^Would create .*proj with \d+ files \(--dry-run: nothing was written\):$/,
    );
    expect(lines).toContain("  pyproject.toml");
    expect(lines).toContain("  competition.toml");
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it("--json prints the result as data: the same file list as a real run writes", async () => {
    const dry = await runBuiltCli(["proj", ...args, "--dry-run", "--json"], { cwd: tmp.path });
    expect(dry.exitCode, dry.all).toBe(0);
    const planned = JSON.parse(String(dry.stdout)) as { dryRun: boolean; files: string[] };
    expect(planned).toMatchObject({ ok: true, dryRun: true, archetype: "classification" });
    expect(await readdir(tmp.path)).toEqual([]);

    const real = await runBuiltCli(["proj", ...args, "--json"], { cwd: tmp.path });
    expect(real.exitCode, real.all).toBe(0);
    const result = JSON.parse(String(real.stdout)) as { dryRun: boolean; files: string[] };
    expect(result.dryRun).toBe(false);
    expect(result.files).toEqual(planned.files);
    const written = await treeState(path.join(tmp.path, "proj"));
    const files = Object.entries(written).filter(([, kind]) => kind !== "dir");
    expect(files.map(([rel]) => rel).sort()).toEqual([...planned.files].sort());
  });

  it("--dry-run still refuses a non-empty target (exit 2, nothing changed)", async () => {
    expect((await runBuiltCli(["proj", ...args], { cwd: tmp.path })).exitCode).toBe(0);
    const before = await treeState(tmp.path);
    const r = await runBuiltCli(["proj", ...args, "--dry-run"], { cwd: tmp.path });
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/not empty/);
    expect(await treeState(tmp.path)).toEqual(before);
  });
});
