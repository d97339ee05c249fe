import os from "node:os";
import path from "node:path";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { run } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inspectTarget } from "../../src/core/write/target.js";
import type { MlStarterError } from "../../src/core/errors.js";

describe("inspectTarget", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "target "));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it("absent, empty and .git-only targets are usable", async () => {
    expect(await inspectTarget(path.join(dir, "new"))).toEqual({ kind: "absent" });
    await mkdir(path.join(dir, "empty"));
    expect(await inspectTarget(path.join(dir, "empty"))).toEqual({ kind: "empty", hasGit: false });
    await mkdir(path.join(dir, "repo", ".git"), { recursive: true });
    expect(await inspectTarget(path.join(dir, "repo"))).toEqual({ kind: "empty", hasGit: true });
  });

  it("accepts a real `git init` repository without commits, refuses one with history", async () => {
    const git = (cwd: string, ...args: string[]) =>
      run(
        "git",
        [
          "-c",
          "user.name=Test",
          "-c",
          "user.email=test@example.invalid",
          "-c",
          "commit.gpgsign=false",
          ...args,
        ],
        { cwd },
      );
    const fresh = path.join(dir, "fresh repo");
    await mkdir(fresh);
    expect((await git(fresh, "init", "--quiet")).exitCode).toBe(0);
    expect(await inspectTarget(fresh)).toEqual({ kind: "empty", hasGit: true });

    // A clone whose working files were removed: only `.git` is left, but the branch tracks files.
    const used = path.join(dir, "used repo");
    await mkdir(used);
    await git(used, "init", "--quiet");
    await writeFile(path.join(used, "train.py"), "print('mine')\n");
    await git(used, "add", "train.py");
    expect((await git(used, "commit", "--quiet", "-m", "mine")).exitCode).toBe(0);
    await rm(path.join(used, "train.py"));
    const error = await inspectTarget(used).then(
      () => undefined,
      (e: unknown) => e as MlStarterError,
    );
    expect(error?.code).toBe("TARGET_NOT_EMPTY");
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(/already has history/);
    expect(error?.message).not.toContain("\n");
    expect(error?.hint).toMatch(/new directory/);
  });

  it("a partial `.git` git does not recognise counts as history when it holds a ref", async () => {
    const partial = path.join(dir, "partial");
    await mkdir(path.join(partial, ".git", "refs", "heads"), { recursive: true });
    await writeFile(path.join(partial, ".git", "HEAD"), "ref: refs/heads/main\n");
    expect(await inspectTarget(partial)).toEqual({ kind: "empty", hasGit: true });
    await writeFile(path.join(partial, ".git", "refs", "heads", "main"), `${"a".repeat(40)}\n`);
    await expect(inspectTarget(partial)).rejects.toThrow(/already has history/);
  });

  it("refuses a non-empty directory, listing at most five entries", async () => {
    for (const f of ["a", "b", "c", "d", "e", "f", "g"]) await writeFile(path.join(dir, f), "x");
    await expect(inspectTarget(dir)).rejects.toThrow(
      /not empty \(a, b, c, d, e, … \(7 entries\)\)/,
    );
  });

  it("refuses a file and a symlink", async () => {
    await writeFile(path.join(dir, "file"), "x");
    await expect(inspectTarget(path.join(dir, "file"))).rejects.toThrow(/not a directory/);
    if (process.platform !== "win32") {
      await symlink(dir, path.join(dir, "link"));
      await expect(inspectTarget(path.join(dir, "link"))).rejects.toThrow(/symbolic link/);
    }
  });
});
