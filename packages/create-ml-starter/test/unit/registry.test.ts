import os from "node:os";
import path from "node:path";
import { readdir } from "node:fs/promises";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../src/index.js";
import { REPO_TEMPLATES } from "../repo-templates.js";

describe("loadRegistry", () => {
  it("loads every templates/<id>/template.json, ids equal to folder names; _-folders are layers", async () => {
    const registry = await loadRegistry(REPO_TEMPLATES);
    const folders = (await readdir(REPO_TEMPLATES, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && !e.name.startsWith("_")) // `_`-folders are layers
      .map((e) => e.name)
      .sort();
    expect(registry.map((a) => a.manifest.id)).toEqual(folders);
    expect(folders).toEqual(
      expect.arrayContaining(["basket-analysis", "classification", "recommender", "regression"]),
    );
  });

  it("never lists a layer folder, even one holding a template.json", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "registry "));
    try {
      await mkdir(path.join(root, "_tabular"));
      await writeFile(path.join(root, "_tabular", "template.json"), JSON.stringify({ id: "Bad" }));
      expect(await loadRegistry(root)).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("names every problem of an invalid manifest", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "registry "));
    try {
      await mkdir(path.join(root, "bad"));
      await writeFile(
        path.join(root, "bad", "template.json"),
        JSON.stringify({ id: "Bad", version: "1" }),
      );
      await expect(loadRegistry(root)).rejects.toThrow(
        /id: archetype ids are lower-case kebab-case.*version: versions are MAJOR.MINOR.PATCH/,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
