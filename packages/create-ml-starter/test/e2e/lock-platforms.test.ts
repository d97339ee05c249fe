// The committed lock must install on every CI platform; a gap shows up when locking, not on a runner.
import path from "node:path";
import { readFile, writeFile } from "node:fs/promises";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRegistry } from "../../src/index.js";
import { BUILT_TEMPLATES, run, runBuiltCli } from "../built-cli.js";

const ids = (await loadRegistry(BUILT_TEMPLATES)).map((a) => a.manifest.id);
const REQUIRED = [
  `"platform_machine == 'x86_64' and sys_platform == 'linux'"`,
  `"platform_machine == 'arm64' and sys_platform == 'darwin'"`,
  `"platform_machine == 'AMD64' and sys_platform == 'win32'"`,
];

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDirWithSpaces("lock platforms");
});
afterAll(async () => tmp.cleanup());

describe.each(ids)("the %s lock", (id) => {
  it("requires Linux x86_64, macOS arm64 and Windows AMD64 wheels", async () => {
    const project = path.join(tmp.path, `${id}-markers`);
    expect((await runBuiltCli([project, "-a", id, "--no-install", "--no-git"])).exitCode).toBe(0);
    const lock = await readFile(path.join(project, "uv.lock"), "utf8");
    const markers = /required-markers = \[([^\]]*)\]/.exec(lock)?.[1] ?? "";
    for (const marker of REQUIRED) expect(markers).toContain(marker);
  });
});

describe("a dependency without wheels for a required platform", () => {
  it("makes uv lock fail at lock time, naming the platform", async () => {
    const project = path.join(tmp.path, "windows-only-dep");
    expect(
      (await runBuiltCli([project, "-a", "classification", "--no-install", "--no-git"])).exitCode,
    ).toBe(0);
    const pyprojectPath = path.join(project, "pyproject.toml");
    const pyproject = await readFile(pyprojectPath, "utf8");
    // pywin32 publishes Windows wheels only, and no sdist.
    await writeFile(
      pyprojectPath,
      pyproject.replace('dependencies = ["', 'dependencies = ["pywin32==311", "'),
    );
    const before = await readFile(path.join(project, "uv.lock"), "utf8");
    const locked = await run("uv", ["lock"], { cwd: project });
    expect(locked.exitCode).not.toBe(0);
    expect(locked.stderr).toMatch(
      /pywin32==311 has no `platform_machine == 'x86_64' and sys_platform == 'linux'`-compatible wheels/,
    );
    expect(await readFile(path.join(project, "uv.lock"), "utf8")).toBe(before);
  });
});
