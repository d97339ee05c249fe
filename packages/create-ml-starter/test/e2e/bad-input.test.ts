// Every bad input through the built bin: one line on stderr, the documented exit code, nothing written.
import path from "node:path";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { tempDirWithSpaces, treeState, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuiltCli } from "../built-cli.js";

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("bad input");
  await mkdir(path.join(tmp.path, "occupied"));
  await writeFile(path.join(tmp.path, "occupied", "keep.txt"), "mine");
  await writeFile(path.join(tmp.path, "a-file"), "not a dir");
});
afterEach(async () => tmp.cleanup());

const cases: Array<[string, string[], number, RegExp]> = [
  ["a Python keyword", ["class", "-a", "classification"], 2, /Invalid project name "class": 'class' is a Python keyword\. Hint: try "class-project"\./],
  ["a stdlib module", ["random", "-a", "classification"], 2, /shadow Python's standard library/],
  ["a dependency", ["pandas", "-a", "classification"], 2, /shadow a dependency/],
  ["a Windows device name", ["nul", "-a", "classification"], 2, /reserved device name on Windows/],
  ["'.'", [".", "-a", "classification"], 2, /'\.' and '\.\.' are not project names/],
  ["a non-ASCII name", ["проект", "-a", "classification"], 2, /ASCII letters/],
  ["a leading digit", ["1st", "-a", "classification"], 2, /start with a digit/],
  ["a non-empty target", ["occupied", "-a", "classification"], 2, /is not empty \(keep\.txt\)/],
  ["a file as target", ["a-file", "-a", "classification"], 2, /exists and is not a directory/],
  ["an unknown archetype", ["proj", "-a", "nope"], 2, /Unknown archetype "nope"\. Hint: choose one of: basket-analysis, classification, recommender/],
  ["a missing archetype without a terminal", ["proj"], 2, /--archetype is required when not interactive/],
  ["a missing directory without a terminal", ["-a", "classification"], 2, /missing <dir>/],
  ["an unknown option", ["proj", "--frobnicate"], 2, /Unknown option '--frobnicate'/],
  ["an unpinned image", ["proj", "-a", "classification", "--devcontainer-image", "python:3.11"], 2, /not pinned by digest/],
];

describe("bad input through the built CLI", () => {
  it.each(cases)("%s", async (_label, args, exitCode, message) => {
    const before = await treeState(tmp.path);
    const result = await runBuiltCli([...args, "--no-install", "--no-git"], { cwd: tmp.path });
    expect(result.exitCode, result.all).toBe(exitCode);
    expect(result.stderr.trim().split("\n"), "exactly one line, no stack trace").toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
    expect(await treeState(tmp.path)).toEqual(before);
  });

  it("--debug adds the stack trace", async () => {
    const result = await runBuiltCli(["class", "-a", "classification", "--debug"], { cwd: tmp.path });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/at deriveNames/);
  });

  it.skipIf(process.platform === "win32" || process.getuid?.() === 0)("a read-only parent fails cleanly with exit 3", async () => {
    const parent = path.join(tmp.path, "read-only");
    await mkdir(parent);
    await chmod(parent, 0o555);
    const before = await treeState(tmp.path);
    const result = await runBuiltCli([path.join(parent, "proj"), "-a", "classification", "--no-install", "--no-git"]);
    await chmod(parent, 0o755);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/Permission denied/);
    expect(await treeState(tmp.path)).toEqual({ ...before, "read-only": "dir" });
  });
});
