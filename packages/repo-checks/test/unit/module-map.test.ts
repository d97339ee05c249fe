// CONTRIBUTING's module map matches every package's src/, and src/ keeps the layout limits (issue 10).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  layoutProblems,
  mapProblems,
  mapSection,
  mapTextFor,
  namedSources,
  type LayoutLimits,
} from "../lib/module-map.js";
import { REPO_ROOT } from "../lib/paths.js";
import { workspacePackages } from "../lib/workspace-packages.js";

const CONTRIBUTING = readFileSync(path.join(REPO_ROOT, "CONTRIBUTING.md"), "utf8");
const LIMITS: LayoutLimits = { topLevel: 8, filesPerFolder: 12, functionLines: 150 };
const withSrc = workspacePackages().filter((p) => existsSync(path.join(p.root, "src")));
/** The tool packages (those with a bin) also keep src/ to a few top-level entries. */
const isTool = (p: (typeof withSrc)[number]) => Object.keys(p.manifest.bin ?? {}).length > 0;

describe("the checks themselves", () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDirWithSpaces("module map");
  });
  afterEach(() => dir.cleanup());

  const put = (rel: string, text = "export const x = 1;\n") => {
    mkdirSync(path.dirname(path.join(dir.path, rel)), { recursive: true });
    writeFileSync(path.join(dir.path, rel), text);
  };

  it("reads full paths, siblings after a path on the same line, and bare names under src/", () => {
    const text = [
      "| `src/a/b.ts`, `c.ts` | job |",
      "| `d.ts` and `src/e/f.mjs` | `g.ts` |",
      "| `scripts/x.mjs`, `src/*`, `README.md` | not sources under src/ |",
    ].join("\n");
    expect(namedSources(text)).toEqual([
      "src/a/b.ts",
      "src/a/c.ts",
      "src/d.ts",
      "src/e/f.mjs",
      "src/e/g.ts",
    ]);
  });

  it("finds files the map leaves out and names with no file", () => {
    put("src/index.ts");
    put("src/run/step.ts");
    put("src/run/unlisted.ts");
    expect(mapProblems(dir.path, "`src/index.ts`, `run/step.ts`, `run/gone.ts`")).toEqual({
      missing: ["src/run/unlisted.ts"],
      stale: ["src/run/gone.ts"],
    });
  });

  it("takes a package's section up to the next heading, plus the README it points to", () => {
    put("README.md", "`src/from-readme.ts`\n");
    const md = [
      "### `packages/one` (details in `packages/one/README.md`)",
      "`src/a.ts`",
      "### `packages/two`",
      "`src/b.ts`",
    ].join("\n");
    expect(mapSection(md, "two")).toBe("### `packages/two`\n`src/b.ts`");
    expect(namedSources(mapTextFor(md, dir.path, "one") ?? "")).toEqual([
      "src/a.ts",
      "src/from-readme.ts",
    ]);
    expect(mapTextFor(md, dir.path, "three")).toBeUndefined();
  });

  it("reports too many top-level entries, too many files in a folder and a long function", () => {
    const limits: LayoutLimits = { topLevel: 2, filesPerFolder: 2, functionLines: 5 };
    for (const name of ["a", "b", "c"]) put(`src/deep/${name}.ts`);
    put("src/one.ts");
    put("src/two.ts");
    put("src/long.ts", `export function long() {\n${"  void 0;\n".repeat(5)}}\n`);
    const src = path.join(dir.path, "src");
    const problems = layoutProblems(src, limits, true).map((p) => p.replace(dir.path, "<tmp>"));
    expect(problems).toEqual([
      "<tmp>/src: 4 top-level entries (at most 2)",
      "<tmp>/src: 3 files (at most 2)",
      "<tmp>/src/deep: 3 files (at most 2)",
      "<tmp>/src/long.ts:1: a function of 7 lines (at most 5)",
    ]);
    expect(
      layoutProblems(src, { ...limits, topLevel: 4, filesPerFolder: 3, functionLines: 7 }, true),
    ).toEqual([]);
  });
});

describe.each(withSrc.map((p) => [p.dir, p] as const))("packages/%s", (dir, pkg) => {
  it("has a module-map section in CONTRIBUTING.md that names every src/ file, and only files that exist", () => {
    const text = mapTextFor(CONTRIBUTING, pkg.root, dir);
    expect(text, `CONTRIBUTING.md has no ### \`packages/${dir}\` section`).toBeDefined();
    expect(mapProblems(pkg.root, text ?? "")).toEqual({ missing: [], stale: [] });
  });

  it(`keeps src/ within the layout limits (≤ ${LIMITS.filesPerFolder} files a folder, functions ≤ ${LIMITS.functionLines} lines${isTool(pkg) ? `, ≤ ${LIMITS.topLevel} top-level entries` : ""})`, () => {
    expect(layoutProblems(path.join(pkg.root, "src"), LIMITS, isTool(pkg))).toEqual([]);
  });
});
