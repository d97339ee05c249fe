// The one free-text answer survives TOML, JSON and uv intact: no injection through metacharacters.
import path from "node:path";
import { readFile } from "node:fs/promises";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, runBuiltCli } from "../built-cli.js";

const NASTY = [
  `He said "hi" \\ and left`,
  `{{projectName}} {{{toml description}}} \${{ secrets.KAGGLE_KEY }}`,
  `$(rm -rf ~) \`id\` ; echo pwned | cat && exit 1`,
  `key = "value"\t# not a comment`.replace("\t", " "),
  `[tool.evil] - yaml: [a, b] # é ✓ 日本 '' """`,
];

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDirWithSpaces("description");
});
afterAll(async () => tmp.cleanup());

describe("--description", () => {
  it.each(NASTY.map((d, i) => [i, d] as const))(
    "case %i round-trips through tomllib, JSON and uv lock",
    async (i, description) => {
      const project = path.join(tmp.path, `proj-${i}`);
      const created = await runBuiltCli([
        project,
        "-a",
        "classification",
        "--no-install",
        "--no-git",
        "--description",
        description,
      ]);
      expect(created.exitCode, created.all).toBe(0);
      const toml = await run("python3", [
        "-c",
        "import json,sys,tomllib; print(json.dumps(tomllib.load(open(sys.argv[1],'rb'))['project']['description']))",
        path.join(project, "pyproject.toml"),
      ]);
      expect(toml.exitCode, toml.all).toBe(0);
      expect(JSON.parse(toml.stdout)).toBe(description);
      const projectFile = JSON.parse(
        await readFile(path.join(project, "ml-starter.json"), "utf8"),
      ) as { answers: { description: string } };
      expect(projectFile.answers.description).toBe(description);
      const lock = await run("uv", ["lock", "--check"], { cwd: project });
      expect(lock.exitCode, lock.all).toBe(0);
    },
  );

  it("refuses a multi-line description with exit 2 and writes nothing", async () => {
    const result = await runBuiltCli([
      path.join(tmp.path, "bad"),
      "-a",
      "classification",
      "--description",
      "line one\nline two",
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /Invalid description: it contains a control character or line break/,
    );
  });
});
