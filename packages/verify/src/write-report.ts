import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { VerifyReport } from "@ml-starter/schema";
import { sortKeysDeep } from "./sort-keys.js";

/** Stable JSON: keys sorted recursively, two-space indent, LF, trailing newline. */
export function serializeReport(report: VerifyReport): string {
  return `${JSON.stringify(sortKeysDeep(report), null, 2)}\n`;
}

/**
 * Writes `text` to `file` atomically: a temp file in the same directory (same filesystem), fsync, then rename.
 * A reader (or a crash at any moment) sees the previous complete file or the new one, never a truncated one.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await sweepOrphans(dir, path.basename(file));
}

/** Writes the report (sorted keys) atomically; returns the serialised text. */
export async function writeReport(file: string, report: VerifyReport): Promise<string> {
  const text = serializeReport(report);
  await writeFileAtomic(file, text);
  return text;
}

// --- internal ---

/** Temp files of writers that were killed before their rename (their pid is gone). */
async function sweepOrphans(dir: string, base: string): Promise<void> {
  const prefix = `.${base}.`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = Number(/^\.(?:.*)\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name)?.[1]);
    if (!name.startsWith(prefix) || !Number.isInteger(pid) || pid === process.pid || isRunning(pid))
      continue;
    await rm(path.join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Windows refuses to replace a file that a scanner or reader has open (EPERM/EACCES/EBUSY): retry briefly. */
async function renameWithRetry(from: string, to: string, attempts = 10): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (i >= attempts || (code !== "EPERM" && code !== "EACCES" && code !== "EBUSY")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * i));
    }
  }
}
