import path from "node:path";
import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import { isProcessAlive } from "@ml-starter/fs-utils";

/** `<parent>/.<name>.ml-starter-<pid>-<random>`: beside the target, so the final rename never crosses filesystems. */
const STAGING_PATTERN = /^\..+\.ml-starter-(\d+)-[A-Za-z0-9]{6}$/;

export function stagingPrefix(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.ml-starter-${process.pid}-`);
}

export async function createStaging(target: string): Promise<string> {
  return mkdtemp(stagingPrefix(target));
}

/**
 * `mkdtemp` makes the staging dir 0700; renamed into place it would stay so (a devcontainer user with another uid
 * gets "Permission denied"). Give it the mode a plain `mkdir` would: 0777 minus the umask.
 */
export async function applyUmask(staging: string): Promise<void> {
  await chmod(staging, 0o777 & ~process.umask());
}

export async function removeStaging(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true, maxRetries: 5 });
}

/** Removes staging dirs left by runs that died (SIGKILL, power loss): their owner PID is gone. */
export async function sweepStaleStaging(parent: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = STAGING_PATTERN.exec(entry);
    if (!match || isProcessAlive(Number(match[1]))) continue;
    await rm(path.join(parent, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}
