import { copyFile, mkdir, stat } from "node:fs/promises";
import { constants } from "node:fs";
import path from "node:path";
import { MlStarterError } from "../core/errors.js";
import { assertRealParentInside, safeJoin } from "../core/write/safe-join.js";
import type { DataFiles } from "./data-files.js";
import { inferMessages } from "./messages.js";

/** Where the project's engine reads real data from (templates' data.py: data/raw). */
export const RAW_DATA_DIR = "data/raw";
/** Larger data stays where it is: the project reads it with --data-dir instead of carrying a copy. */
export const COPY_CAP_MIB = 512;

export function dataFilesOf(files: DataFiles): string[] {
  return [files.train, files.test, files.sampleSubmission, ...(files.extra ?? [])].filter(
    (f): f is string => f !== undefined,
  );
}

/** Checked while planning, before anything is written. */
export async function checkCopySize(files: DataFiles, capMiB = COPY_CAP_MIB): Promise<void> {
  let bytes = 0;
  for (const f of dataFilesOf(files)) bytes += (await stat(f)).size;
  const mib = Math.ceil(bytes / 2 ** 20);
  if (mib > capMiB)
    throw new MlStarterError("INVALID_DATA", inferMessages.tooLarge(mib, capMiB), {
      hint: inferMessages.tooLargeHint,
    });
}

/** Copies (never moves) the user's files into the staging project's data/raw, refusing to overwrite. */
export async function copyDataInto(staging: string, files: DataFiles): Promise<string[]> {
  const written: string[] = [];
  for (const source of dataFilesOf(files)) {
    const rel = `${RAW_DATA_DIR}/${path.basename(source)}`;
    const dest = safeJoin(staging, rel);
    assertRealParentInside(staging, dest);
    await mkdir(path.dirname(dest), { recursive: true });
    assertRealParentInside(staging, dest);
    await copyFile(source, dest, constants.COPYFILE_EXCL);
    written.push(rel);
  }
  return written;
}
