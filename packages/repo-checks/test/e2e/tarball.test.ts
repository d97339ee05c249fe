// The template lint over what npm users actually get (reliability.md §4.8, §8 checks 5 and 6): the
// `pnpm pack` tarball of create-ml-starter, read entry by entry (and cross-checked with `tar`), plus
// `npm pack --dry-run --json` listing the underscore-named dotfiles that npm would otherwise mangle.
import path from "node:path";
import { mkdir, readdir } from "node:fs/promises";
import { run, tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_PACKAGE_DIR, REPO_ROOT, TEMPLATES_DIR } from "../lib/paths.js";
import { readTarball, relativeToPackage, type TarEntry } from "../lib/tarball.js";
import { formatFindings, lintEntries, lintTree, readTree } from "../lib/tree-lint.js";

/** The dotfiles stored under underscore names (docs/template-contract.md) that must reach users. */
const UNDERSCORE_DOTFILES = [
  "_shared/_gitignore",
  "_shared/_gitattributes",
  "_shared/_dockerignore",
  "_shared/_python-version",
  "_shared/_devcontainer/devcontainer.json.hbs",
  "_shared/_devcontainer/devcontainer-lock.json",
  "_shared/_github/workflows/verify.yml",
  "_shared/_github/dependabot.yml",
];
const SKIPPED = new Set(["__pycache__", ".pytest_cache", ".ruff_cache", ".venv", ".DS_Store"]);

let tmp: TempDir;
let tarball: string;
let entries: TarEntry[];

beforeAll(async () => {
  tmp = await tempDirWithSpaces("repo-checks pack");
  // pnpm pack, as publishing does (workspace:^ rewritten); the build has copied templates/ in.
  const packed = await run("pnpm", ["pack", "--pack-destination", tmp.path], {
    cwd: CREATE_PACKAGE_DIR,
    timeout: 300_000,
  });
  expect(packed.exitCode, packed.all).toBe(0);
  const tgz = (await readdir(tmp.path)).filter((f) => f.endsWith(".tgz"));
  expect(tgz).toHaveLength(1);
  tarball = path.join(tmp.path, tgz[0] ?? "");
  entries = relativeToPackage(await readTarball(tarball));
}, 600_000);
afterAll(async () => tmp?.cleanup());

describe("the packed create-ml-starter tarball", () => {
  it("passes the template lint: no symlinks, collisions, reserved or non-ASCII names; ≤100-char paths; LF-only UTF-8 text", () => {
    const findings = lintEntries(entries, {
      forbiddenStrings: [{ label: "repo checkout", value: REPO_ROOT.replace(/[\\/]+$/, "") }],
    });
    expect(findings, formatFindings(findings)).toEqual([]);
  });

  it("ships every template file byte for byte (so the lint covered what users get)", async () => {
    const source = (await readTree(TEMPLATES_DIR)).filter(
      (e) => e.kind === "file" && !e.path.split("/").some((s) => SKIPPED.has(s)),
    );
    const shipped = new Map(
      entries
        .filter((e) => e.path.startsWith("templates/"))
        .map((e) => [e.path.slice("templates/".length), e]),
    );
    const missing = source.filter((e) => !shipped.has(e.path)).map((e) => e.path);
    expect(
      missing,
      "missing from the tarball (rebuild: pnpm --filter @ml-starter/create build)",
    ).toEqual([]);
    const differing = source
      .filter((e) => e.content && !shipped.get(e.path)?.content?.equals(e.content))
      .map((e) => e.path);
    expect(
      differing,
      "differ in the tarball (rebuild: pnpm --filter @ml-starter/create build)",
    ).toEqual([]);
  });

  it("lists the same entries, and no links, when read with tar -tzf / -tzvf", async () => {
    const names = await run("tar", ["-tzf", path.basename(tarball)], { cwd: tmp.path });
    if (names.failedToStart) return; // no tar on this machine: the reader above is the check
    expect(names.exitCode, names.all).toBe(0);
    const listed = names.stdout
      .split(/\r?\n/)
      .filter((l) => l !== "")
      .map((l) => l.replace(/\/+$/, ""));
    expect(listed.sort()).toEqual(entries.map((e) => e.archivePath.replace(/\/+$/, "")).sort());
    const verbose = await run("tar", ["-tzvf", path.basename(tarball)], { cwd: tmp.path });
    const types = verbose.stdout
      .split(/\r?\n/)
      .filter((l) => l !== "")
      .map((l) => l[0]);
    expect(types).toHaveLength(listed.length);
    expect(types.filter((t) => t !== "-" && t !== "d")).toEqual([]);
  });

  it("gives the same lint result once extracted with tar", async () => {
    const into = path.join(tmp.path, "extracted");
    await mkdir(into);
    const extracted = await run("tar", ["-xzf", path.join("..", path.basename(tarball))], {
      cwd: into,
    });
    if (extracted.failedToStart) return;
    expect(extracted.exitCode, extracted.all).toBe(0);
    const findings = await lintTree(path.join(into, "package"));
    expect(findings, formatFindings(findings)).toEqual([]);
  });

  it("contains the underscore-named dotfiles", () => {
    const paths = new Set(entries.map((e) => e.path));
    for (const f of UNDERSCORE_DOTFILES) expect(paths, f).toContain(`templates/${f}`);
  });
});

describe("npm pack --dry-run --json", () => {
  it("lists the underscore dotfiles (_gitignore, _gitattributes, _dockerignore, _python-version, _devcontainer/*, _github/*)", async () => {
    const result = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: CREATE_PACKAGE_DIR,
      timeout: 300_000,
    });
    expect(result.exitCode, result.all).toBe(0);
    const [report] = JSON.parse(result.stdout) as Array<{ files: Array<{ path: string }> }>;
    const listed = new Set((report?.files ?? []).map((f) => f.path));
    for (const f of UNDERSCORE_DOTFILES) expect(listed, f).toContain(`templates/${f}`);
    // Every file under an underscore-named directory of the shared layer, not only the ones named above.
    const shared = entries.filter(
      (e) => e.kind === "file" && /^templates\/_shared\/_(devcontainer|github)\//.test(e.path),
    );
    for (const e of shared) expect(listed, e.path).toContain(e.path);
  });
});
