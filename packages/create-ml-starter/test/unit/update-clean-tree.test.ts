import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { run, tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type MlStarterError } from "../../src/core/errors.js";
import { assertCleanTree } from "../../src/update/project-state.js";

let tmp: TempDir;
const git = (...args: string[]) =>
  run("git", ["-c", "user.name=T", "-c", "user.email=t@example.invalid", ...args], {
    cwd: tmp.path,
  });

beforeEach(async () => {
  tmp = await tempDirWithSpaces("update clean");
  await git("init", "--quiet");
  await writeFile(path.join(tmp.path, "README.md"), "x\n");
  await git("add", "-A");
  await git("commit", "--quiet", "-m", "first");
});
afterEach(() => tmp.cleanup());

const put = async (rel: string) => {
  await mkdir(path.dirname(path.join(tmp.path, rel)), { recursive: true });
  await writeFile(path.join(tmp.path, rel), "y\n");
};
const codeOf = (promise: Promise<void>) =>
  promise.then(
    () => "clean",
    (e: unknown) => (e as MlStarterError).code,
  );

describe("assertCleanTree (real git)", () => {
  it("accepts untracked data/ and outputs/ only", async () => {
    await put("data/raw/train.csv");
    await put("outputs/metrics.json");
    expect(await codeOf(assertCleanTree(tmp.path))).toBe("clean");
  });
  it("refuses any other untracked file, and a modified tracked one, naming them", async () => {
    await put("src/new.py");
    await expect(assertCleanTree(tmp.path)).rejects.toThrow(/src\/new\.py/);
    await git("add", "-A");
    await git("commit", "--quiet", "-m", "second");
    await writeFile(path.join(tmp.path, "README.md"), "changed\n");
    expect(await codeOf(assertCleanTree(tmp.path))).toBe("DIRTY_TREE");
  });
  it("refuses a project that is not its repository's root", async () => {
    await put("sub/ml-starter.json");
    expect(await codeOf(assertCleanTree(path.join(tmp.path, "sub")))).toBe("NOT_A_PROJECT");
  });
});
