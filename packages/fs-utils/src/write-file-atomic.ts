import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { isProcessAlive } from "./process-alive.js";
import { renameWithRetry } from "./rename-with-retry.js";

/** `.<base>.<pid>.<8 hex>.tmp`: the writer's pid lets a later write tell a dead writer's leftovers. */
const TEMP_PATTERN = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Writes `data` to `file` atomically: a temp file in the same directory (same filesystem), fsync, then
 * rename. A reader (or a crash at any moment) sees the previous complete file or the new one, never a
 * truncated one. Temp files of writers that were killed before their rename are swept afterwards.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${base}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFileExclusive(temp, data);
    await renameWithRetry(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await sweepOrphans(dir, base);
}

/**
 * Creates `file` with `data` and fsyncs it. `wx` (O_CREAT|O_EXCL): it never overwrites and never follows
 * a symlink planted at the destination.
 */
export async function writeFileExclusive(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes `.<base>.<pid>.*.tmp` files whose writer is gone (never another live writer's). */
async function sweepOrphans(dir: string, base: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = TEMP_PATTERN.exec(name);
    if (!match || match[1] !== base || isProcessAlive(Number(match[2]))) continue;
    await rm(path.join(dir, name), { force: true });
  }
}
