import path from "node:path";
import { mkdir, open } from "node:fs/promises";
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
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return file;
}
