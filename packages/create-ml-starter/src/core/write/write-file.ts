import path from "node:path";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { assertRealParentInside, safeJoin } from "./safe-join.js";

/**
 * Writes one file inside the staging root: containment checked on the path and on the real parent,
 * opened with `wx` (O_CREAT|O_EXCL) so it never follows a symlink at the destination or overwrites.
 *
 * Synchronous and not fsynced, on purpose: a scaffold writes ~60 small files into a staging folder
 * that only this run knows; async calls and one fsync each made writing 3× slower than the bytes
 * themselves, and a power cut before the final rename loses nothing the user had.
 */
export function writeInside(root: string, rel: string, bytes: Uint8Array): string {
  const file = safeJoin(root, rel);
  assertRealParentInside(root, file); // before mkdir: never create directories through a symlink
  mkdirSync(path.dirname(file), { recursive: true });
  assertRealParentInside(root, file);
  const fd = openSync(file, "wx");
  try {
    for (let offset = 0; offset < bytes.length;)
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
  } finally {
    closeSync(fd);
  }
  return file;
}
