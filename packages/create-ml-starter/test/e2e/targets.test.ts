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
      expect(String(r.stderr)).toMatch(/not empty|Another create-ml-starter run/);
    expect(await readdir(tmp.path)).toEqual(["raced"]);
    const reference = path.join(tmp.path, "reference", "raced");
    expect((await runBuiltCli([reference, ...args])).exitCode).toBe(0);
    expect(Object.keys(await treeState(target)).sort()).toEqual(
      Object.keys(await treeState(reference)).sort(),
    );
  });
});
