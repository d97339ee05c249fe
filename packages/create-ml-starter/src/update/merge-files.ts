import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { runTool } from "./git.js";

/** Never merged as text: regenerated from the merged manifest files instead (see lockfiles.ts). */
export const LOCKFILES = ["uv.lock", ".devcontainer/devcontainer-lock.json"];

/** What the update does to one file; `conflict` files carry markers and index stages 1/2/3. */
export type FileAction = "add" | "update" | "merge" | "delete" | "conflict";

export interface FilePlan {
  path: string;
  action: FileAction;
  /** Why, for conflicts that are not plain overlapping edits. */
  reason?: "both-changed" | "both-added" | "deleted-by-template" | "deleted-by-you";
  /** New content (add, update, merge, conflict with markers); absent for deletes. */
  content?: Buffer;
  executable?: boolean;
}

export async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

const read = (dir: string, rel: string) =>
  readFile(path.join(dir, ...rel.split("/"))).catch(() => undefined);
const isExecutable = async (dir: string, rel: string) =>
  ((await stat(path.join(dir, ...rel.split("/")))).mode & 0o111) !== 0;

/**
 * `git merge-file -p` of ours/base/theirs: the merged text and the number of conflicting hunks. A missing
 * base (both sides added the file) merges against an empty file, as git does for add/add.
 */
async function mergeText(
  oursDir: string,
  rel: string,
  sides: { base: string; theirs: string; labels: MergeLabels },
) {
  const { base, theirs, labels } = sides;
  const ours = path.join(oursDir, ...rel.split("/"));
  const args = [
    "merge-file",
    "-p",
    "-L",
    labels[0],
    "-L",
    labels[1],
    "-L",
    labels[2],
    ours,
    base,
    theirs,
  ];
  const result = await runTool("git", args, oursDir);
  // git merge-file exits with the conflict count (capped at 127); above that is an error (e.g. binary input).
  if (result.exitCode > 127) return { content: undefined, conflicts: 1 };
  return { content: Buffer.from(result.stdout, "utf8"), conflicts: result.exitCode };
}

/** Conflict-marker labels: yours, the old template, the new template. */
export type MergeLabels = [string, string, string];

/** The three trees of a merge: the user's committed files, the old render (base), the new render (theirs). */
export interface MergeTrees {
  oursDir: string;
  oldDir: string;
  newDir: string;
}

/** Plans the 3-way update of the user's committed files from the old render to the new one. Writes nothing. */
export async function planMerge(
  trees: MergeTrees,
  labels: MergeLabels,
  emptyFile: string,
): Promise<FilePlan[]> {
  const { oursDir, oldDir, newDir } = trees;
  const [oldFiles, newFiles, oursFiles] = await Promise.all([
    listFiles(oldDir),
    listFiles(newDir),
    listFiles(oursDir),
  ]);
  const tracked = new Set(oursFiles);
  const all = [...new Set([...oldFiles, ...newFiles])].filter((p) => !LOCKFILES.includes(p)).sort();
  const plans: FilePlan[] = [];
  for (const rel of all) {
    const [base, theirs] = await Promise.all([read(oldDir, rel), read(newDir, rel)]);
    if (base !== undefined && theirs !== undefined && base.equals(theirs)) continue; // the template did not change it
    const ours = tracked.has(rel) ? await read(oursDir, rel) : undefined;
    if (theirs === undefined) {
      // Deleted by the template: delete only an unmodified file; a changed one is kept, as a conflict.
      if (ours === undefined) continue;
      plans.push(
        ours.equals(base ?? Buffer.alloc(0))
          ? { path: rel, action: "delete" }
          : { path: rel, action: "conflict", reason: "deleted-by-template", content: ours },
      );
      continue;
    }
    const executable = await isExecutable(newDir, rel);
    if (ours === undefined) {
      // New in the template: add it. Changed by the template but deleted by you: a conflict, left deleted.
      plans.push(
        base === undefined
          ? { path: rel, action: "add", content: theirs, executable }
          : { path: rel, action: "conflict", reason: "deleted-by-you" },
      );
      continue;
    }
    if (ours.equals(theirs)) continue; // already what the new template says
    if (base !== undefined && ours.equals(base)) {
      plans.push({ path: rel, action: "update", content: theirs, executable });
      continue;
    }
    const merged = await mergeText(oursDir, rel, {
      base: base === undefined ? emptyFile : path.join(oldDir, ...rel.split("/")),
      theirs: path.join(newDir, ...rel.split("/")),
      labels,
    });
    if (merged.conflicts === 0 && merged.content !== undefined)
      plans.push({ path: rel, action: "merge", content: merged.content, executable });
    else
      plans.push({
        path: rel,
        action: "conflict",
        reason: base === undefined ? "both-added" : "both-changed",
        content: merged.content ?? ours,
        executable,
      });
  }
  return plans;
}
