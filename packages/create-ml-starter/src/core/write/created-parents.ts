import path from "node:path";
import { lstat, mkdir, rmdir } from "node:fs/promises";

async function missing(p: string): Promise<boolean> {
  return lstat(p).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === "ENOENT",
  );
}

/** Creates `dir` and any missing ancestors; returns the directories this call created, innermost first. */
export async function createParents(dir: string): Promise<string[]> {
  const created: string[] = [];
  for (let current = path.resolve(dir); await missing(current); current = path.dirname(current)) {
    created.push(current);
    if (path.dirname(current) === current) break;
  }
  await mkdir(dir, { recursive: true });
  return created;
}

/**
 * Undoes `createParents` without ever deleting anything else: each directory is `rmdir`'d (never recursive),
 * innermost first, and kept when another run or the user put something in it meanwhile.
 */
export async function removeCreatedParents(created: readonly string[]): Promise<void> {
  for (const dir of created) {
    try {
      await rmdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      return; // not empty: its ancestors are not empty either
    }
  }
}
