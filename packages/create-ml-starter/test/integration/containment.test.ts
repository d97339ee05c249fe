// Output paths that try to leave the target are refused, and nothing outside changes (copier's CVE tests).
import path from "node:path";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { tempDirWithSpaces, treeState, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateWithPlop } from "../../src/core/template/plop-adapter.js";
import { MlStarterError } from "../../src/index.js";

let tmp: TempDir;
let root: string;
let source: string;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("containment");
  root = path.join(tmp.path, "staging");
  await mkdir(root);
  await mkdir(path.join(tmp.path, "outside"));
  await writeFile(path.join(tmp.path, "outside", "x"), "decoy bytes");
  source = path.join(tmp.path, "template-file.txt");
  await writeFile(source, "payload");
});
afterEach(async () => tmp.cleanup());

const ESCAPES = [
  "../outside/x",
  "../x",
  "/tmp/x",
  "C:\\x",
  "C:x",
  "\\\\srv\\s\\x",
  "..\\x",
  "a/../../x",
  "a\0b",
  "CON",
  "sub/nul.txt",
];

describe("generation refuses paths outside the target", () => {
  it.each(ESCAPES)("%j → FORBIDDEN_PATH, decoy untouched, nothing written", async (output) => {
    const before = await treeState(tmp.path);
    const error = await generateWithPlop(root, [{ source, output, render: false }], {}).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MlStarterError);
    expect((error as MlStarterError).code).toBe("FORBIDDEN_PATH");
    expect(await treeState(tmp.path)).toEqual(before);
    expect(await readdir(root)).toEqual([]);
  });

  it("refuses an unknown placeholder instead of rendering it empty", async () => {
    await writeFile(source, "name = {{projectName}} and {{secretThing}}");
    const error = await generateWithPlop(root, [{ source, output: "a.txt", render: true }], {
      projectName: "p",
    }).catch((e: unknown) => e);
    expect((error as MlStarterError).code).toBe("TEMPLATE_INVALID");
    expect((error as MlStarterError).message).toMatch(/\{\{secretThing\}\}/);
  });

  it("copies non-.hbs files byte for byte, braces and CR included", async () => {
    const bytes = Buffer.from(
      "a ${{ matrix.os }} {{ not a placeholder }}\r\n\u00e9\u0000\xff",
      "latin1",
    );
    await writeFile(source, bytes);
    await generateWithPlop(root, [{ source, output: "kept.bin", render: false }], {});
    const { readFile } = await import("node:fs/promises");
    expect(Buffer.compare(await readFile(path.join(root, "kept.bin")), bytes)).toBe(0);
  });
});
