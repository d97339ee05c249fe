// What the built bin loads before it answers: --help and --version must not pay for the libraries only
// generation needs (issue 10: start-up ≤ 1.5× `node -e ''`, measured in `pnpm bench`; this pins the cause).
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILT_CLI, run } from "../built-cli.js";

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("start-up");
});
afterEach(async () => tmp.cleanup());

/** A loader hook that appends every file module Node loads to TRACE_FILE. */
const HOOK = `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  if (url.startsWith("file:")) appendFileSync(process.env.TRACE_FILE, url + "\\n");
  return next(url, context);
}
`;

/** Code that only its own library contains (not a package.json naming it). */
const HEAVY = {
  zod: "inst._zod",
  "node-plop / handlebars": "registerHelper",
  inquirer: "createPrompt",
  execa: "ExecaError",
};

async function loadedModules(name: string, args: string[]): Promise<string[]> {
  const hook = path.join(tmp.path, "hook.mjs");
  const register = path.join(tmp.path, "register.mjs");
  const trace = path.join(tmp.path, `trace ${name}.txt`);
  await writeFile(hook, HOOK);
  await writeFile(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`,
  );
  await writeFile(trace, "");
  const result = await run(
    process.execPath,
    ["--import", pathToFileURL(register).href, BUILT_CLI, ...args],
    {
      env: { TRACE_FILE: trace },
    },
  );
  expect(result.exitCode).toBe(0);
  return (await readFile(trace, "utf8")).split("\n").filter((line) => line.endsWith(".js"));
}

describe("start-up of the built bin", () => {
  it.each([["--help"], ["--version"]])(
    "%s loads no zod, node-plop, inquirer or execa",
    async (flag) => {
      const modules = await loadedModules(flag, [flag]);
      expect(modules.some((url) => url.endsWith("/dist/cli.js"))).toBe(true);
      const found: string[] = [];
      for (const url of modules) {
        const code = await readFile(new URL(url), "utf8");
        for (const [name, marker] of Object.entries(HEAVY))
          if (code.includes(marker)) found.push(name);
      }
      expect(found).toEqual([]);
    },
  );

  it("the markers do find those libraries when a project is generated", async () => {
    const modules = await loadedModules("generate", [
      path.join(tmp.path, "proj"),
      "-a",
      "classification",
      "--no-git",
      "--no-install",
      "--no-interactive",
    ]);
    const code = await Promise.all(modules.map((url) => readFile(new URL(url), "utf8")));
    expect(code.some((c) => c.includes(HEAVY.zod))).toBe(true);
    expect(code.some((c) => c.includes(HEAVY["node-plop / handlebars"]))).toBe(true);
  });
});

/** Preloaded: logs every read of a template.json or a catalog .toml to TRACE_FILE, one path per line. */
const READ_TRACER = `import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
const watched = (p) => /template\\.json$|catalog[\\\\/][^\\\\/]+\\.toml$/.test(String(p));
const log = (p) => { if (watched(p)) fs.appendFileSync(process.env.TRACE_FILE, String(p) + "\\n"); };
const readSync = fs.readFileSync;
fs.readFileSync = (p, ...rest) => { log(p); return readSync(p, ...rest); };
const read = fs.promises.readFile;
fs.promises.readFile = (p, ...rest) => { log(p); return read(p, ...rest); };
syncBuiltinESMExports();
`;

describe("one scaffold reads its inputs once", () => {
  it("each template.json and the chosen catalog entry are read (and validated) once", async () => {
    const tracer = path.join(tmp.path, "tracer.mjs");
    const trace = path.join(tmp.path, "reads.txt");
    await writeFile(tracer, READ_TRACER);
    await writeFile(trace, "");
    const result = await run(
      process.execPath,
      [
        "--import",
        pathToFileURL(tracer).href,
        BUILT_CLI,
        path.join(tmp.path, "proj"),
        "--competition",
        "titanic",
        "--no-git",
        "--no-install",
        "--no-interactive",
      ],
      { env: { TRACE_FILE: trace } },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const reads = (await readFile(trace, "utf8")).split("\n").filter(Boolean);
    const count = (suffix: string) => reads.filter((p) => p.endsWith(suffix)).length;
    const manifests = reads.filter((p) => p.endsWith("template.json"));
    expect(manifests.length).toBeGreaterThan(1);
    expect(new Set(manifests).size, reads.join("\n")).toBe(manifests.length);
    expect(count(`${path.sep}titanic.toml`), reads.join("\n")).toBe(1);
  });
});
