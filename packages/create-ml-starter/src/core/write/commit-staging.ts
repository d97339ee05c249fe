import path from "node:path";
import { lstat, open, readFile, readdir, rename, rmdir, unlink } from "node:fs/promises";
import { MlStarterError } from "../errors.js";
import { isProcessAlive, renameWithRetry, type RenameOptions } from "@ml-starter/fs-utils";
import { inspectTarget } from "./target.js";

/** `<parent>/.<name>.ml-starter.lock`, holding the owner's PID: serialises runs racing for one target. */
function lockPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.ml-starter.lock`);
}

async function ownerAlive(file: string): Promise<boolean> {
  return isProcessAlive(Number((await readFile(file, "utf8").catch(() => "")).trim()));
}

async function acquireLock(target: string): Promise<string> {
  const file = lockPath(target);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (await ownerAlive(file)) break;
      await unlink(file).catch(() => undefined); // the owner died: the lock is stale
    }
  }
  throw new MlStarterError("TARGET_BUSY", `Another create-ml-starter run is writing ${target}.`, {
    hint: "wait for it to finish, or choose another directory",
  });
}

async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

/**
 * Moves the finished staging tree into place. An absent target gets one atomic rename; an empty or
 * `.git`-only target gets the entries one at a time, each checked first, undone on failure.
 */
export async function commitStaging(
  staging: string,
  target: string,
  renameOptions: RenameOptions = {},
): Promise<void> {
  const lock = await acquireLock(target);
  try {
    const state = await inspectTarget(target);
    if (state.kind === "absent") {
      await renameWithRetry(staging, target, renameOptions);
      return;
    }
    const moved: string[] = [];
    try {
      for (const entry of (await readdir(staging)).sort()) {
        const destination = path.join(target, entry);
        if (await exists(destination)) {
          throw new MlStarterError(
            "TARGET_NOT_EMPTY",
            `Target ${target} gained ${entry} while generating.`,
            {
              hint: "choose a new directory; nothing was changed",
            },
          );
        }
        await renameWithRetry(path.join(staging, entry), destination, renameOptions);
        moved.push(entry);
      }
    } catch (error) {
      for (const entry of moved.reverse()) {
        await rename(path.join(target, entry), path.join(staging, entry)).catch(() => undefined);
      }
      throw error;
    }
    await rmdir(staging);
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
