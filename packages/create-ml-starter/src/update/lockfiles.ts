import { copyFile, readFile } from "node:fs/promises";
import path from "node:path";
import { MlStarterError } from "../core/errors.js";
import { runTool } from "./git.js";
import type { FilePlan } from "./merge-files.js";
import { updateMessages } from "./messages.js";

export interface LockOutcome {
  file: string;
  status: "relocked" | "from-template" | "kept" | "pending";
  detail: string;
}

const same = async (a: string, b: string) => {
  const [x, y] = await Promise.all([
    readFile(a).catch(() => undefined),
    readFile(b).catch(() => undefined),
  ]);
  return x !== undefined && y !== undefined && x.equals(y);
};
const at = (dir: string, rel: string) => path.join(dir, ...rel.split("/"));

/**
 * Lockfiles follow the merged manifests, never a text merge: `uv lock` re-resolves the merged
 * pyproject.toml starting from the user's own uv.lock (so their added dependencies and pins stay), and
 * devcontainer-lock.json takes the template's when the merged devcontainer.json is the template's.
 */
export async function refreshLockfiles(
  root: string,
  plans: readonly FilePlan[],
  oldDir: string,
  newDir: string,
): Promise<LockOutcome[]> {
  const conflicted = new Set(plans.filter((p) => p.action === "conflict").map((p) => p.path));
  const changed = new Set(plans.map((p) => p.path));
  const outcomes: LockOutcome[] = [];
  if (
    changed.has("pyproject.toml") ||
    !(await same(at(oldDir, "uv.lock"), at(newDir, "uv.lock")))
  ) {
    if (conflicted.has("pyproject.toml")) {
      outcomes.push({
        file: "uv.lock",
        status: "pending",
        detail: updateMessages.lockAfterResolve,
      });
    } else {
      const result = await runTool("uv", ["lock"], root);
      if (result.exitCode !== 0)
        throw new MlStarterError("UPDATE_FAILED", updateMessages.uvLockFailed(result.stderr));
      outcomes.push({ file: "uv.lock", status: "relocked", detail: updateMessages.relocked });
    }
  }
  const devLock = ".devcontainer/devcontainer-lock.json";
  const devJson = ".devcontainer/devcontainer.json";
  if (!(await same(at(oldDir, devLock), at(newDir, devLock)))) {
    if (await same(at(root, devJson), at(newDir, devJson))) {
      await copyFile(at(newDir, devLock), at(root, devLock));
      outcomes.push({
        file: devLock,
        status: "from-template",
        detail: updateMessages.devLockFromTemplate,
      });
    } else {
      outcomes.push({ file: devLock, status: "kept", detail: updateMessages.devLockKept });
    }
  }
  return outcomes;
}
