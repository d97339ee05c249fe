import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/cli-main.js";
import { cliIo } from "../helpers/cli-io.js";
import { nodeStep, testdir, writeProject } from "../helpers/project.js";

const io = (cwd: string) => cliIo(cwd);

/** A project whose step writes outputs/: a refused run must not have started it (no outputs/ at all). */
async function project() {
  const dir = await testdir();
  await writeProject(dir, { steps: [nodeStep("train", "write-outputs.mjs")] });
  return { dir };
}

async function refused(dir: string, args: string[], pattern: RegExp) {
  const run = io(dir);
  expect(await main(args, run.io)).toBe(2);
  const lines = run.err().trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(existsSync(path.join(dir, "outputs"))).toBe(false);
}

describe("--report / --summary targets", () => {
  it("refuses an existing FIFO or directory as report or summary", async () => {
    const { dir } = await project();
    execFileSync("mkfifo", [path.join(dir, "pipe.json")]);
    await mkdir(path.join(dir, "adir.md"));
    await refused(dir, ["--report", "pipe.json"], /--report .*pipe\.json is a FIFO/);
    await refused(dir, ["--summary", "adir.md"], /--summary .*adir\.md is a directory/);
    await refused(dir, ["--report", "adir.json", "--summary", "adir.md"], /is a directory/);
  });

  it("refuses the project's own files, directly or as the derived summary name", async () => {
    const { dir } = await project();
    const manifest = await readFile(path.join(dir, "ml-starter.json"), "utf8");
    await writeFile(path.join(dir, "README.md"), "# mine\n");
    await refused(
      dir,
      ["--report", "ml-starter.json"],
      /ml-starter\.json exists and was not written/,
    );
    await refused(
      dir,
      ["--report", "README.json"],
      /--summary .*README\.md exists and was not written/,
    );
    await refused(dir, ["--report", "r.json", "--summary", "r.json"], /are the same file/);
    expect(await readFile(path.join(dir, "ml-starter.json"), "utf8")).toBe(manifest);
    expect(await readFile(path.join(dir, "README.md"), "utf8")).toBe("# mine\n");
  });

  it("overwrites its own earlier report and summary", async () => {
    const { dir } = await project();
    expect(await main([], io(dir).io)).toBe(0);
    expect(await main([], io(dir).io)).toBe(0);
    expect(await main(["--report", "outputs/verify/report.json"], io(dir).io)).toBe(0);
  });

  it("never follows a symlinked outputs/verify out of the project", async () => {
    const { dir } = await project();
    const outside = await testdir("verify outside");
    await mkdir(path.join(dir, "outputs"));
    await symlink(outside, path.join(dir, "outputs", "verify"), "dir");
    const run = io(dir);
    expect(await main([], run.io)).toBe(2);
    expect(run.err().trim()).toMatch(/^ml-starter-verify: --report .*leads out of the project/);
    expect(await readdir(outside)).toEqual([]);
  });

  it("does not create a project directory that does not exist", async () => {
    const parent = await testdir();
    const run = io(parent);
    expect(await main(["missing project"], run.io)).toBe(2);
    expect(run.err().trim()).toMatch(/^ml-starter-verify: .*missing project does not exist/);
    expect(await readdir(parent)).toEqual([]);
  });
});
