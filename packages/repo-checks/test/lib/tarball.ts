// Reads an npm tarball (gzip + ustar/pax, as `npm pack` and `pnpm pack` write it) into lint entries.
// Done here rather than by parsing `tar -tv` output, whose quoting of unusual names differs between GNU
// tar and bsdtar and would hide exactly the non-ASCII names the lint looks for; `tar` is still used as
// a cross-check of the entry list and types.
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { EntryKind, TreeEntry } from "./tree-lint.js";

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString("utf8");
}

function octal(header: Buffer, start: number, length: number): number {
  const text = field(header, start, length).trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
}

/** pax extended header records: `<len> <key>=<value>\n`. */
function paxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = Number.parseInt(data.subarray(offset, space).toString("ascii"), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, offset + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq !== -1) records.set(record.slice(0, eq), record.slice(eq + 1));
    offset += length;
  }
  return records;
}

function kindOf(type: string): EntryKind {
  if (type === "0" || type === "\0" || type === "" || type === "7") return "file";
  if (type === "5") return "dir";
  if (type === "2") return "symlink";
  return "other"; // "1" hard link, "3"/"4" devices, "6" fifo…
}

export interface TarEntry extends TreeEntry {
  /** The full name in the archive, e.g. `package/templates/…`. */
  archivePath: string;
  /** The tar type flag as written. */
  type: string;
}

/** All entries of a .tgz, with file contents; pax and GNU long-name headers applied. */
export async function readTarball(file: string): Promise<TarEntry[]> {
  const buf = gunzipSync(await readFile(file));
  const entries: TarEntry[] = [];
  let offset = 0;
  let nextPath: string | undefined;
  while (offset + BLOCK <= buf.length) {
    const header = buf.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const name = field(header, 0, 100);
    const mode = octal(header, 100, 8);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const magic = field(header, 257, 6);
    const prefix = magic.startsWith("ustar") ? field(header, 345, 155) : "";
    const dataStart = offset + BLOCK;
    const data = buf.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      nextPath = paxRecords(data).get("path") ?? nextPath;
      continue;
    }
    if (type === "g") continue;
    if (type === "L") {
      nextPath = field(data, 0, data.length);
      continue;
    }
    const archivePath = nextPath ?? (prefix ? `${prefix}/${name}` : name);
    nextPath = undefined;
    const kind = kindOf(type);
    const entry: TarEntry = {
      archivePath,
      path: archivePath,
      type,
      kind,
      executable: (mode & 0o111) !== 0,
    };
    if (kind === "file") entry.content = Buffer.from(data);
    entries.push(entry);
  }
  return entries;
}

/** Entries relative to npm's `package/` root (directories ending in `/` trimmed). */
export function relativeToPackage(entries: readonly TarEntry[]): TarEntry[] {
  return entries.map((e) => {
    const trimmed = e.archivePath.replace(/\/+$/, "");
    if (!trimmed.startsWith("package/"))
      throw new Error(`tarball entry outside package/: ${e.archivePath}`);
    return { ...e, path: trimmed.slice("package/".length) };
  });
}
