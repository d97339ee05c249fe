import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planMerge, type FilePlan, type MergeTrees } from "../../src/update/merge-files.js";
import { moveTomlKey } from "../../src/update/migrations.js";
import { compareVersions } from "../../src/update/versions.js";

let tmp: TempDir;
let trees: MergeTrees;
let empty: string;

beforeEach(async () => {
  tmp = await tempDirWithSpaces("update merge");
  trees = {
    oursDir: path.join(tmp.path, "ours"),
    oldDir: path.join(tmp.path, "old"),
    newDir: path.join(tmp.path, "new"),
  };
  empty = path.join(tmp.path, "empty");
  await writeFile(empty, "");
  for (const dir of [trees.oursDir, trees.oldDir, trees.newDir]) await mkdir(dir);
});
afterEach(() => tmp.cleanup());

async function put(side: keyof MergeTrees, rel: string, text: string) {
  const file = path.join(trees[side], ...rel.split("/"));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}
const plan = async () =>
  (await planMerge(trees, ["yours", "old", "new"], empty)).map(
    ({ path: p, action, reason }: FilePlan) => ({ path: p, action, reason }),
  );

describe("planMerge (real git merge-file)", () => {
  it("applies template changes to untouched files, merges disjoint edits, and marks overlapping ones", async () => {
    const base = "a\nb\nc\nd\ne\nf\n";
    for (const side of ["oursDir", "oldDir"] as const) await put(side, "same.txt", base);
    await put("newDir", "same.txt", base.replace("a", "A"));
    await put("oldDir", "both.txt", base);
    await put("oursDir", "both.txt", base.replace("f", "F"));
    await put("newDir", "both.txt", base.replace("a", "A"));
    await put("oldDir", "clash.txt", base);
    await put("oursDir", "clash.txt", base.replace("c", "mine"));
    await put("newDir", "clash.txt", base.replace("c", "theirs"));
    expect(await plan()).toEqual([
      { path: "both.txt", action: "merge", reason: undefined },
      { path: "clash.txt", action: "conflict", reason: "both-changed" },
      { path: "same.txt", action: "update", reason: undefined },
    ]);
    const clash = (await planMerge(trees, ["yours", "old", "new"], empty)).find(
      (p) => p.path === "clash.txt",
    );
    expect(clash?.content?.toString()).toContain(
      "<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> new\n",
    );
  });

  it("adds, deletes and never drops: every add/delete case is a planned action or a conflict", async () => {
    await put("newDir", "added.txt", "new\n"); // new in the template
    await put("oldDir", "gone.txt", "x\n"); // deleted by the template, untouched by you
    await put("oursDir", "gone.txt", "x\n");
    await put("oldDir", "kept.txt", "x\n"); // deleted by the template, edited by you
    await put("oursDir", "kept.txt", "x\nmine\n");
    await put("oldDir", "yours-deleted.txt", "x\n"); // deleted by you, changed by the template
    await put("newDir", "yours-deleted.txt", "x\ny\n");
    await put("oursDir", "twice.txt", "mine\n"); // added on both sides, differently
    await put("newDir", "twice.txt", "theirs\n");
    await put("oldDir", "uv.lock", "old lock\n"); // lockfiles are never text-merged
    await put("newDir", "uv.lock", "new lock\n");
    await put("oursDir", "uv.lock", "user lock\n");
    expect(await plan()).toEqual([
      { path: "added.txt", action: "add", reason: undefined },
      { path: "gone.txt", action: "delete", reason: undefined },
      { path: "kept.txt", action: "conflict", reason: "deleted-by-template" },
      { path: "twice.txt", action: "conflict", reason: "both-added" },
      { path: "yours-deleted.txt", action: "conflict", reason: "deleted-by-you" },
    ]);
  });
});

describe("moveTomlKey", () => {
  const toml =
    '[tool.ruff]\nline-length = 100\n\n[tool.ruff.lint]\n# a comment that stays\npreview = true\nselect = ["E"]\n';
  it("moves one line between tables and keeps everything else byte for byte", () => {
    expect(moveTomlKey(toml, "preview", "tool.ruff.lint", "tool.ruff")).toBe(
      '[tool.ruff]\npreview = true\nline-length = 100\n\n[tool.ruff.lint]\n# a comment that stays\nselect = ["E"]\n',
    );
  });
  it("creates a missing target table at the end, and is a no-op when the key is absent", () => {
    expect(moveTomlKey(toml, "preview", "tool.ruff.lint", "tool.ruff.format")).toBe(
      '[tool.ruff]\nline-length = 100\n\n[tool.ruff.lint]\n# a comment that stays\nselect = ["E"]\n\n[tool.ruff.format]\npreview = true\n',
    );
    expect(moveTomlKey(toml, "missing", "tool.ruff.lint", "tool.ruff")).toBe(toml);
    // A key of another table with the same name is not taken.
    expect(moveTomlKey(toml, "line-length", "tool.ruff.lint", "tool.ruff.format")).toBe(toml);
  });
  it("leaves a multi-line value where it is", () => {
    const multi = '[a]\nitems = [\n  "x",\n]\n[b]\n';
    expect(moveTomlKey(multi, "items", "a", "b")).toBe(multi);
  });
});

describe("compareVersions", () => {
  it("orders numerically, pre-releases before their release", () => {
    expect(compareVersions("0.10.0", "0.9.1")).toBe(1);
    expect(compareVersions("1.0.0", "1.0.0")).toBe(0);
    expect(compareVersions("1.0.0-rc.1", "1.0.0")).toBe(-1);
    expect(compareVersions("0.1.0", "0.2.0")).toBe(-1);
  });
});
