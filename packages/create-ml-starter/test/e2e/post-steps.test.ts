// The post-steps (git, uv sync) through the built bin, with stand-in tools first on PATH: an interrupt
// exits 130 and says what state the project is in; a failure exits 3, not 0.
import path from "node:path";
import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, writeFile } from "node:fs/promises";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { execa } from "execa";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILT_CLI, runBuiltCli } from "../built-cli.js";

let tmp: TempDir;
let bin: string;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("post steps");
  bin = path.join(tmp.path, "bin");
  await mkdir(bin);
});
afterEach(async () => tmp.cleanup());

/** A stand-in executable (a Node script with a shebang: POSIX only). */
async function fakeTool(name: string, body: string): Promise<void> {
  const file = path.join(bin, name);
  await writeFile(file, `#!${process.execPath}\n${body}\n`);
  await chmod(file, 0o755);
}

const env = () => ({ PATH: `${bin}${path.delimiter}${process.env["PATH"] ?? ""}` });
const target = () => path.join(tmp.path, "work", "proj");

describe.skipIf(process.platform === "win32")("post-steps of the built CLI", () => {
  it("SIGINT during uv sync: exit 130, the files complete, the message says the environment is not", async () => {
    // The CLI captures uv's output, so the stand-in signals that it started with a file.
    const started = path.join(tmp.path, "uv-started");
    await fakeTool(
      "uv",
      `require("node:fs").writeFileSync(${JSON.stringify(started)}, ""); setInterval(() => undefined, 1000);`,
    );
    await mkdir(path.dirname(target()));
    const child = execa(
      process.execPath,
      [BUILT_CLI, target(), "-a", "classification", "--no-git", "--no-interactive"],
      {
        reject: false,
        stdin: "ignore",
        env: env(),
      },
    );
    while (!existsSync(started)) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill("SIGINT");
    const result = await child;
    expect(result.exitCode, result.stderr).toBe(130);
    expect(result.stderr).toMatch(
      /Interrupted after generating .*proj: interrupted during `uv sync --locked`: the files are complete, the environment is not/,
    );
    expect(result.stdout).not.toMatch(/✔ Created/);
    expect(await readdir(target())).toContain("ml-starter.json");
  });

  it("a git that fails (disk full) is a failure: exit 3, not a warning with exit 0", async () => {
    await fakeTool(
      "git",
      'process.stderr.write("fatal: No space left on device\\n"); process.exit(128);',
    );
    const result = await runBuiltCli(
      [target(), "-a", "classification", "--no-install", "--no-interactive"],
      { env: env() },
    );
    expect(result.exitCode, result.all).toBe(3);
    expect(result.stderr).toMatch(
      /Failed after generating .*proj: git init failed: fatal: No space left on device/,
    );
    expect(await readdir(target())).toContain("ml-starter.json");
  });
});

describe.skipIf(process.platform === "win32")("a closed or full stdout", () => {
  it("stdout closed after one byte: no stack trace, the project complete, exit 0", async () => {
    const child = execa(
      process.execPath,
      [BUILT_CLI, target(), "-a", "classification", "--no-git", "--no-install"],
      {
        reject: false,
        stdin: "ignore",
      },
    );
    child.stdout?.once("data", () => child.stdout?.destroy());
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
    expect(await readdir(target())).toEqual(
      expect.arrayContaining(["ml-starter.json", "uv.lock", "competition.toml"]),
    );
  });

  it.skipIf(process.platform !== "linux")(
    "stdout on /dev/full: no stack trace, the project complete, exit 0",
    async () => {
      const result = await execa(
        process.execPath,
        [BUILT_CLI, target(), "-a", "classification", "--no-git", "--no-install"],
        {
          reject: false,
          stdin: "ignore",
          stdout: { file: "/dev/full" },
        },
      );
      expect(result.exitCode).toBe(0);
      expect(result.stderr).not.toMatch(/ENOSPC|at .*\.js:\d+/);
      expect(await readdir(target())).toEqual(
        expect.arrayContaining(["ml-starter.json", "uv.lock"]),
      );
    },
  );
});
