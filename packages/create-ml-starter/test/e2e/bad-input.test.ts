// Every bad input through the built bin: one line on stderr, the documented exit code, nothing written.
import path from "node:path";
import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { tempDirWithSpaces, treeState, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILT_CLI, run, runBuiltCli } from "../built-cli.js";

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("bad input");
  await mkdir(path.join(tmp.path, "occupied"));
  await writeFile(path.join(tmp.path, "occupied", "keep.txt"), "mine");
  await writeFile(path.join(tmp.path, "a-file"), "not a dir");
});
afterEach(async () => tmp.cleanup());

const cases: Array<[string, string[], number, RegExp]> = [
  [
    "a Python keyword",
    ["class", "-a", "classification"],
    2,
    /Invalid project name "class": 'class' is a Python keyword\. Hint: try "class-project"\./,
  ],
  ["a stdlib module", ["random", "-a", "classification"], 2, /shadow Python's standard library/],
  ["a dependency", ["pandas", "-a", "classification"], 2, /shadow a dependency/],
  [
    "a locked dependency",
    ["markdown-it-py", "-a", "classification"],
    2,
    /'markdown-it-py' is a locked dependency of the templates/,
  ],
  [
    "an interpreter hook module",
    ["sitecustomize", "-a", "classification"],
    2,
    /Invalid project name "sitecustomize"/,
  ],
  ["a Windows device name", ["nul", "-a", "classification"], 2, /reserved device name on Windows/],
  ["'..'", ["..", "-a", "classification"], 2, /'\.' and '\.\.' are not project names/],
  ["a non-ASCII name", ["проект", "-a", "classification"], 2, /ASCII letters/],
  ["a leading digit", ["1st", "-a", "classification"], 2, /start with a digit/],
  ["a non-empty target", ["occupied", "-a", "classification"], 2, /is not empty \(keep\.txt\)/],
  ["a file as target", ["a-file", "-a", "classification"], 2, /exists and is not a directory/],
  [
    "a file as a parent",
    ["a-file/sub/proj", "-a", "classification"],
    2,
    /A parent of the target is a file, not a directory/,
  ],
  [
    "a path segment longer than the file system allows",
    [`${"n".repeat(300)}/proj`, "-a", "classification"],
    2,
    /A path is too long/,
  ],
  [
    "an unknown archetype",
    ["proj", "-a", "nope"],
    2,
    /Unknown archetype "nope"\. Hint: choose one of: basket-analysis, classification, forecasting, recommender, regression/,
  ],
  [
    "a missing archetype without a terminal",
    ["proj"],
    2,
    /--archetype or --competition is required when not interactive/,
  ],
  [
    "an unknown competition",
    ["proj", "--competition", "spaceship"],
    2,
    /Unknown competition "spaceship"\. Hint: did you mean "spaceship-titanic"\?$/,
  ],
  [
    "an unrelated competition",
    ["proj", "--competition", "zzz-unheard-of"],
    2,
    /Unknown competition "zzz-unheard-of"\. Hint: --list shows the catalog\./,
  ],
  [
    "a competition of another archetype",
    ["proj", "--competition", "titanic", "-a", "recommender"],
    2,
    /--competition titanic is a classification competition, but --archetype is recommender\. Hint: drop --archetype, or pass --archetype classification\./,
  ],
  [
    "a misspelt archetype",
    ["proj", "-a", "clasification"],
    2,
    /Unknown archetype "clasification"\. Hint: did you mean "classification"\?$/,
  ],
  [
    "a misspelt option",
    ["proj", "--competiton", "titanic"],
    2,
    /Unknown option '--competiton'\. Hint: did you mean "--competition"\?$/,
  ],
  ["a missing directory without a terminal", ["-a", "classification"], 2, /missing <dir>/],
  ["an unknown option", ["proj", "--frobnicate"], 2, /Unknown option '--frobnicate'/],
  [
    "the verifier's verb (a package of its own)",
    ["verify", "-a", "classification"],
    2,
    /"verify" is not part of @ml-starter\/create: run `[^`]+ @ml-starter\/verify` inside the project\. Hint: to create a directory named verify, pass \.\/verify\./,
  ],
  [
    "an unpinned image",
    ["proj", "-a", "classification", "--devcontainer-image", "python:3.11"],
    2,
    /not pinned by digest/,
  ],
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

  it("names the verifier's command for the package manager in use, and ./verify is a directory", async () => {
    for (const [agent, command] of [
      ["pnpm/10.34.8 npm/? node/v20.19.0 linux x64", "pnpm dlx @ml-starter/verify"],
      ["npm/10.8.2 node/v20.19.0 linux x64", "npx @ml-starter/verify"],
    ]) {
      const result = await runBuiltCli(["verify", "report.json"], {
        cwd: tmp.path,
        env: { npm_config_user_agent: agent },
      });
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr).toContain(`run \`${command}\` inside the project`);
    }
    const created = await runBuiltCli(
      ["./verify", "-a", "classification", "--no-install", "--no-git"],
      { cwd: tmp.path },
    );
    expect(created.exitCode, created.all).toBe(0);
    expect(created.stdout).toContain('starter "verify"');
  });

  it("a lone .git whose repository has history is refused in one line, index untouched", async () => {
    const repo = path.join(tmp.path, "old-repo");
    await mkdir(repo);
    const git = (...args: string[]) =>
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
        { cwd: repo },
      );
    await git("init", "--quiet");
    await writeFile(path.join(repo, "keep.md"), "tracked\n");
    await git("add", "keep.md");
    expect((await git("commit", "--quiet", "-m", "history")).exitCode).toBe(0);
    await rm(path.join(repo, "keep.md"));
    const before = await treeState(tmp.path);
    const result = await runBuiltCli(["old-repo", "-a", "classification", "--no-install"], {
      cwd: tmp.path,
    });
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr.trim().split("\n"), "exactly one line").toHaveLength(1);
    expect(result.stderr).toMatch(/already has history\. Hint: generate into a new directory/);
    expect(await treeState(tmp.path)).toEqual(before);
    expect((await git("ls-files")).stdout.trim()).toBe("keep.md");
  });

  it.skipIf(process.platform === "win32")(
    "a deleted working directory is a one-line usage error",
    async () => {
      const gone = path.join(tmp.path, "deleted cwd");
      await mkdir(gone);
      // A parent that enters the directory, deletes it, then starts the CLI from there.
      const script = `process.chdir(${JSON.stringify(gone)}); require("fs").rmdirSync(${JSON.stringify(gone)});
      const r = require("child_process").spawnSync(process.execPath, [${JSON.stringify(BUILT_CLI)}, "proj", "-a", "classification"], { encoding: "utf8" });
      process.stdout.write(JSON.stringify({ status: r.status, stderr: r.stderr }));`;
      const result = await run(process.execPath, ["-e", script]);
      const child = JSON.parse(result.stdout) as { status: number; stderr: string };
      expect(child.status).toBe(2);
      expect(child.stderr.trim()).toBe(
        "✖ The current directory no longer exists. Hint: cd into an existing directory and run again.",
      );
    },
  );

  it("--debug adds the stack trace", async () => {
    const result = await runBuiltCli(["class", "-a", "classification", "--debug"], {
      cwd: tmp.path,
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/at deriveNames/);
  });

  it.skipIf(process.platform === "win32")(
    "a read-only parent fails cleanly with exit 3",
    async () => {
      const parent = path.join(tmp.path, "read-only");
      await mkdir(parent);
      // Root ignores permission bits, so as root the parent is a read-only tmpfs mount instead.
      const asRoot = process.getuid?.() === 0;
      if (asRoot) {
        const mounted = await run("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", parent]);
        expect(mounted.exitCode, `mount a read-only tmpfs: ${mounted.all}`).toBe(0);
      } else {
        await chmod(parent, 0o555);
      }
      try {
        const before = await treeState(tmp.path);
        const result = await runBuiltCli([
          path.join(parent, "proj"),
          "-a",
          "classification",
          "--no-install",
          "--no-git",
        ]);
        expect(result.exitCode, result.all).toBe(3);
        expect(result.stderr.trim().split("\n")).toHaveLength(1);
        expect(result.stderr).toMatch(/Permission denied while/);
        expect(await treeState(tmp.path)).toEqual(before);
      } finally {
        if (asRoot) await run("umount", [parent]);
        else await chmod(parent, 0o755);
      }
    },
  );
});
