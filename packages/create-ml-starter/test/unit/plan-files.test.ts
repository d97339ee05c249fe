import os from "node:os";
import path from "node:path";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { MlStarterError } from "../../src/index.js";
import { outputPathFor, planFiles } from "../../src/core/template/plan-files.js";

describe("outputPathFor", () => {
  it.each([
    ["_gitignore", ".gitignore", false],
    ["_devcontainer/devcontainer.json.hbs", ".devcontainer/devcontainer.json", true],
    ["_github/workflows/verify.yml", ".github/workflows/verify.yml", false],
    ["src/__package__/__init__.py", "src/titanic_starter/__init__.py", false],
    ["src/__package__/__main__.py", "src/titanic_starter/__main__.py", false],
    ["tests/test_cli.py.hbs", "tests/test_cli.py", true],
    ["docs/_notes.md", "docs/_notes.md", false],
  ])("%s → %s", (stored, output, render) => {
    expect(outputPathFor(stored, "titanic_starter")).toEqual({ output, render });
  });
});

describe("planFiles", () => {
  let root: string;
  afterEach(async () => rm(root, { recursive: true, force: true }));

  async function tree(files: Record<string, string>) {
    root = await mkdtemp(path.join(os.tmpdir(), "plan files "));
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), text);
    }
  }

  it("layers the archetype over _shared and skips caches and template.json", async () => {
    await tree({
      "_shared/_gitignore": "shared",
      "_shared/README.md": "shared readme",
      "arch/template.json": "{}",
      "arch/README.md.hbs": "# {{projectName}}",
      "arch/src/__package__/__init__.py": "",
      "arch/src/__package__/__pycache__/x.pyc": "junk",
    });
    const files = await planFiles(root, path.join(root, "arch"), "pkg");
    expect(files.map((f) => [f.output, f.render, path.relative(root, f.source)])).toEqual([
      [".gitignore", false, path.join("_shared", "_gitignore")],
      ["README.md", true, path.join("arch", "README.md.hbs")],
      ["src/pkg/__init__.py", false, path.join("arch", "src", "__package__", "__init__.py")],
    ]);
  });

  it("layers `extends` after _shared and before the archetype, in order", async () => {
    await tree({
      "_shared/a.txt": "shared",
      "_shared/b.txt": "shared",
      "_tabular/b.txt": "tabular",
      "_tabular/c.txt": "tabular",
      "_extra/c.txt": "extra",
      "arch/template.json": "{}",
      "arch/d.txt": "arch",
      "arch/c.txt": "arch",
    });
    const noArch = await planFiles(root, path.join(root, "empty"), "pkg", [
      "_tabular",
      "_extra",
    ]).catch((e: unknown) => e);
    expect(noArch).toBeInstanceOf(Error); // the archetype itself must exist
    const source = async (layers: string[]) =>
      (await planFiles(root, path.join(root, "arch"), "pkg", layers)).map((f) => [
        f.output,
        path.dirname(path.relative(root, f.source)),
      ]);
    expect(await source(["_tabular"])).toEqual([
      ["a.txt", "_shared"],
      ["b.txt", "_tabular"],
      ["c.txt", "arch"],
      ["d.txt", "arch"],
    ]);
    await rm(path.join(root, "arch", "c.txt"));
    expect(await source(["_tabular", "_extra"])).toContainEqual(["c.txt", "_extra"]);
    expect(await source(["_extra", "_tabular"])).toContainEqual(["c.txt", "_tabular"]);
    const missing = await source(["_nope"]).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MlStarterError);
    expect((missing as MlStarterError).code).toBe("TEMPLATE_INVALID");
    expect((missing as MlStarterError).message).toMatch(/_nope not found/);
  });

  it("takes only the files `pick` lists from a layer, and refuses a listed file it lacks", async () => {
    await tree({
      "_tabular/a.py": "a",
      "_tabular/sub/b.py": "b",
      "_tabular/c.py": "c",
      "arch/template.json": "{}",
      "arch/d.py": "d",
    });
    const files = await planFiles(root, path.join(root, "arch"), "pkg", ["_tabular"], {
      _tabular: ["sub/b.py", "c.py"],
    });
    expect(files.map((f) => f.output)).toEqual(["c.py", "d.py", "sub/b.py"]);
    const missing = await planFiles(root, path.join(root, "arch"), "pkg", ["_tabular"], {
      _tabular: ["nope.py"],
    }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MlStarterError);
    expect((missing as MlStarterError).message).toMatch(/_tabular has no nope.py/);
  });

  it("refuses two files of one layer with the same output", async () => {
    await tree({ "arch/uv.lock": "", "arch/uv.lock.hbs": "" });
    await expect(planFiles(root, path.join(root, "arch"), "pkg")).rejects.toThrow(
      /Two template files produce uv.lock/,
    );
  });

  it.skipIf(process.platform === "win32")("refuses symlinks in a template", async () => {
    await tree({ "arch/a.txt": "a" });
    await symlink("/etc/passwd", path.join(root, "arch", "link"));
    const error = await planFiles(root, path.join(root, "arch"), "pkg").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlStarterError);
    expect((error as MlStarterError).code).toBe("TEMPLATE_INVALID");
  });
});
