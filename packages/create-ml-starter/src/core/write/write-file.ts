import path from "node:path";
import { mkdir } from "node:fs/promises";
import { writeFileExclusive } from "@ml-starter/fs-utils";
import { assertRealParentInside, safeJoin } from "./safe-join.js";

/**
 * Writes one file inside the staging root: containment checked on the path and on the real parent,
 * opened with `wx` (O_CREAT|O_EXCL) so it never follows a symlink at the destination or overwrites.
 */
export async function writeInside(root: string, rel: string, bytes: Uint8Array): Promise<string> {
  const file = safeJoin(root, rel);
  await assertRealParentInside(root, file); // before mkdir: never create directories through a symlink
  await mkdir(path.dirname(file), { recursive: true });
  await assertRealParentInside(root, file);
  await writeFileExclusive(file, bytes);
  return file;
}
