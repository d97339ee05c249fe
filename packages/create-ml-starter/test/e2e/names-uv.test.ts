// Valid names from the same generator the property test uses: each project's names must survive
// Python's tomllib and uv itself (the lock rendered for that name passes `uv lock --check`).
import path from "node:path";
import { readFile } from "node:fs/promises";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkProjectName } from "../../src/index.js";
import { run, runBuiltCli } from "../built-cli.js";

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDirWithSpaces("names uv");
});
afterAll(async () => tmp.cleanup());

const sampled = fc
  .sample(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,24}[a-z0-9]$/), {
    numRuns: 200,
    seed: 20261125,
  })
  .filter((name) => checkProjectName(name).ok)
  .slice(0, 12);
const NAMES = [...new Set(["a", "x9", "a.b_c-d", "h-and-m", "aaa-first", "zz-last", ...sampled])];

describe("generated names through tomllib and uv", () => {
  it.each(NAMES)("%s", async (name) => {
    const check = checkProjectName(name);
    if (!check.ok) throw new Error(`${name} should be valid: ${check.rule}`);
    const project = path.join(tmp.path, name);
    const created = await runBuiltCli([
      project,
      "-a",
      "classification",
      "--no-install",
      "--no-git",
    ]);
    expect(created.exitCode, created.all).toBe(0);
    const toml = await run("python3", [
      "-c",
      "import json,sys,tomllib; p=tomllib.load(open(sys.argv[1],'rb'))['project']; print(json.dumps([p['name'], list(p['scripts'])]))",
      path.join(project, "pyproject.toml"),
    ]);
    expect(toml.exitCode, toml.all).toBe(0);
    expect(JSON.parse(toml.stdout)).toEqual([check.names.distName, [check.names.importName]]);
    const answers = (
      JSON.parse(await readFile(path.join(project, "ml-starter.json"), "utf8")) as {
        answers: unknown;
      }
    ).answers;
    expect(answers).toMatchObject(check.names);
    const lock = await run("uv", ["lock", "--check"], { cwd: project });
    expect(lock.exitCode, lock.all).toBe(0);
  });
});
