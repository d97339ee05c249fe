import { chmod, mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "@ml-starter/fs-utils";
import { git } from "./git.js";
import type { FilePlan, MergeTrees } from "./merge-files.js";

const ZERO_OID = "0".repeat(40);

/** Hashes a blob into the project's object store (stage entries need real objects). */
async function hashBlob(root: string, content: Buffer): Promise<string> {
  return (await git(root, ["hash-object", "-w", "--stdin"], content)).trim();
}

/** Writes the planned files into the tree; conflicts also get index stages 1/2/3, as `git merge` leaves them. */
export async function applyMerge(
  root: string,
  plans: readonly FilePlan[],
  trees: MergeTrees,
): Promise<void> {
  const indexInfo: string[] = [];
  for (const plan of plans) {
    const target = path.join(root, ...plan.path.split("/"));
    if (plan.action === "delete") {
      await rm(target, { force: true });
      continue;
    }
    if (plan.content !== undefined) {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, plan.content);
      if (plan.executable) await chmod(target, 0o755);
    }
    if (plan.action === "conflict") indexInfo.push(...(await stageEntries(root, plan, trees)));
  }
  if (indexInfo.length > 0)
    await git(root, ["update-index", "--index-info"], `${indexInfo.join("\n")}\n`);
}

/** `--index-info` lines: drop stage 0, then base (1), yours (2) and the template's (3) where each exists. */
async function stageEntries(root: string, plan: FilePlan, trees: MergeTrees): Promise<string[]> {
  const rel = plan.path;
  const mode = plan.executable ? "100755" : "100644";
  const lines = [`0 ${ZERO_OID}\t${rel}`];
  for (const [stage, dir] of [
    [1, trees.oldDir],
    [2, trees.oursDir],
    [3, trees.newDir],
  ] as const) {
    const content = await readFile(path.join(dir, ...rel.split("/"))).catch(() => undefined);
    if (content !== undefined)
      lines.push(`${mode} ${await hashBlob(root, content)} ${stage}\t${rel}`);
  }
  return lines;
}
