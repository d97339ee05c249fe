// What npm users get: the packed tarballs installed into an empty prefix, dotfiles and templates included.
import path from "node:path";
import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRegistry } from "../../src/index.js";
import { BUILT_TEMPLATES, run, runBuiltCli } from "../built-cli.js";

// The scaffolder and what it depends on: it installs and runs without the verifier.
const PACKAGES = ["fs-utils", "schema", "create-ml-starter"].map((p) =>
  fileURLToPath(new URL(`../../../${p}/`, import.meta.url)),
);
const ids = (await loadRegistry(BUILT_TEMPLATES)).map((a) => a.manifest.id);

let tmp: TempDir;
let prefix: string;
beforeAll(async () => {
  tmp = await tempDirWithSpaces("tarball");
  prefix = path.join(tmp.path, "prefix");
  const tarballs: string[] = [];
  for (const dir of PACKAGES) {
    // pnpm pack rewrites workspace:^ to real versions, as publishing does.
    const packed = await run("pnpm", ["pack", "--pack-destination", tmp.path], { cwd: dir });
    expect(packed.exitCode, packed.all).toBe(0);
  }
  for (const entry of await readdir(tmp.path))
    if (entry.endsWith(".tgz")) tarballs.push(path.join(tmp.path, entry));
  expect(tarballs).toHaveLength(3);
  const installed = await run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--prefix",
    prefix,
    ...tarballs,
  ]);
  expect(installed.exitCode, installed.all).toBe(0);
}, 600_000);
afterAll(async () => tmp.cleanup());

async function listFiles(root: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(path.join(root, rel), { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, child)));
    else out.push(child);
  }
  return out.sort();
}

describe("the packed @ml-starter/create", () => {
  it("ships the templates with their underscore dotfiles", async () => {
    const shipped = await listFiles(
      path.join(prefix, "node_modules", "@ml-starter", "create", "templates"),
    );
    for (const name of [
      "_gitignore",
      "_gitattributes",
      "_dockerignore",
      "_python-version",
      "_devcontainer/devcontainer.json.hbs",
      "_devcontainer/devcontainer-lock.json",
    ]) {
      expect(shipped).toContain(`_shared/${name}`);
    }
    for (const id of ids) expect(shipped).toContain(`${id}/template.json`);
  });

  it.each(ids)("generates the same %s project as the source build", async (id) => {
    const bin = path.join(
      prefix,
      "node_modules",
      ".bin",
      process.platform === "win32" ? "create-ml-starter.cmd" : "create-ml-starter",
    );
    const fromTarball = path.join(tmp.path, "from tarball", `${id}-proj`);
    const fromSource = path.join(tmp.path, "from source", `${id}-proj`);
    const a = await run(bin, [fromTarball, "-a", id, "--no-install", "--no-git"]);
    expect(a.exitCode, a.all).toBe(0);
    const b = await runBuiltCli([fromSource, "-a", id, "--no-install", "--no-git"]);
    expect(b.exitCode, b.all).toBe(0);
    const files = await listFiles(fromTarball);
    expect(files).toEqual(await listFiles(fromSource));
    expect(files).toEqual(
      expect.arrayContaining([
        ".gitignore",
        ".gitattributes",
        ".dockerignore",
        ".python-version",
        ".devcontainer/devcontainer.json",
        "uv.lock",
        "ml-starter.json",
      ]),
    );
  });
});
