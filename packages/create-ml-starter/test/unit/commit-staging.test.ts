import path from "node:path";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitStaging } from "../../src/core/write/commit-staging.js";
import { MlStarterError } from "../../src/index.js";

let tmp: TempDir;
let staging: string;
const target = () => path.join(tmp.path, "proj");
const lockFile = () => path.join(tmp.path, ".proj.ml-starter.lock");

beforeEach(async () => {
  tmp = await tempDirWithSpaces("commit staging");
  staging = path.join(tmp.path, ".proj.ml-starter-1-abcdef");
  await mkdir(path.join(staging, "src"), { recursive: true });
  await writeFile(path.join(staging, "README.md"), "readme");
  await writeFile(path.join(staging, "src", "a.py"), "a");
});
afterEach(async () => tmp.cleanup());

describe("commitStaging", () => {
  it("renames the staged tree into an absent target and releases its lock", async () => {
    await commitStaging(staging, target());
    expect((await readdir(target())).sort()).toEqual(["README.md", "src"]);
    expect(await readdir(tmp.path)).toEqual(["proj"]);
  });

  it("moves entries into a .git-only target, keeping .git", async () => {
    await mkdir(path.join(target(), ".git"), { recursive: true });
    await commitStaging(staging, target());
    expect((await readdir(target())).sort()).toEqual([".git", "README.md", "src"]);
    expect(await readdir(tmp.path)).toEqual(["proj"]);
  });

  it("refuses while another live run holds the lock, touching nothing", async () => {
    await writeFile(lockFile(), String(process.pid)); // a live PID: ours
    const error = await commitStaging(staging, target()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlStarterError);
    expect((error as MlStarterError).code).toBe("TARGET_BUSY");
    expect(await readFile(lockFile(), "utf8")).toBe(String(process.pid));
    expect((await readdir(tmp.path)).sort()).toEqual([
      ".proj.ml-starter-1-abcdef",
      ".proj.ml-starter.lock",
    ]);
  });

  it("takes over a lock whose owner died", async () => {
    await writeFile(lockFile(), "999999999");
    await commitStaging(staging, target());
    expect(await readdir(tmp.path)).toEqual(["proj"]);
  });

  it("undoes its moves when an entry appears in the target meanwhile", async () => {
    await mkdir(target());
    await writeFile(path.join(target(), "src"), "someone else's file");
    await expect(commitStaging(staging, target())).rejects.toThrow(/not empty/);
    expect((await readdir(staging)).sort()).toEqual(["README.md", "src"]);
    expect(await readFile(path.join(target(), "src"), "utf8")).toBe("someone else's file");
  });
});
