import os from "node:os";
import path from "node:path";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inspectTarget } from "../../src/core/target.js";

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

  it("refuses a non-empty directory, listing at most five entries", async () => {
    for (const f of ["a", "b", "c", "d", "e", "f", "g"]) await writeFile(path.join(dir, f), "x");
    await expect(inspectTarget(dir)).rejects.toThrow(/not empty \(a, b, c, d, e, … \(7 entries\)\)/);
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
