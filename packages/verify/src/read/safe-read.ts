import { createHash } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { lstat, open, realpath, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { messages } from "../cli/messages.js";

/** Text inputs (ml-starter.json, uv.lock, pyproject.toml, devcontainer files, metrics): far above any real one. */
export const INPUT_MAX_BYTES = 64 * 1024 * 1024;
/** Declared outputs are hashed as a stream (memory stays bounded); the cap only bounds the time spent. */
export const OUTPUT_MAX_BYTES = 16 * 1024 * 1024 * 1024;
const CHUNK = 1024 * 1024;
// Opening a FIFO for reading blocks until a writer appears; O_NONBLOCK returns at once so fstat can refuse it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Why an existing input was not read: the path names it, the message says what it is instead. */
export class InputRefusedError extends Error {
  override readonly name = "InputRefusedError";
  readonly reason: "not-regular" | "too-large" | "outside";

  constructor(reason: InputRefusedError["reason"], message: string) {
    super(message);
    this.reason = reason;
  }
}

export interface SafeReadOptions {
  /** How the file is named in messages (a project-relative path). */
  label: string;
  maxBytes?: number;
  /** When set, the file's real path must stay inside this directory (symlinks out of the project refused). */
  root?: string;
}

/**
 * Reads an input without trusting it: lstat first (missing → null), a symlink only when its real path stays in
 * `root`, only a regular file (a FIFO, device or socket is refused without blocking), at most `maxBytes`.
 * Throws InputRefusedError for anything else.
 */
export async function readRegularFile(
  file: string,
  options: SafeReadOptions,
): Promise<Buffer | null> {
  const max = options.maxBytes ?? INPUT_MAX_BYTES;
  return withRegularFile(file, options, max, async (handle, size) => {
    const buffer = Buffer.alloc(Math.min(size, max) + 1);
    let filled = 0;
    // Read one byte past the cap: a file that grew since fstat is refused, never read whole.
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > max) throw tooLarge(options.label, max);
    return buffer.subarray(0, filled);
  });
}

/** Like readRegularFile, decoded as UTF-8. */
export async function readRegularText(
  file: string,
  options: SafeReadOptions,
): Promise<string | null> {
  const data = await readRegularFile(file, options);
  return data === null ? null : data.toString("utf8");
}

/** sha256 (hex) of a regular file's bytes, streamed in 1 MiB chunks; null when it does not exist. */
export async function sha256RegularFile(
  file: string,
  options: SafeReadOptions,
): Promise<string | null> {
  const max = options.maxBytes ?? OUTPUT_MAX_BYTES;
  return withRegularFile(file, options, max, async (handle) => {
    const hash = createHash("sha256");
    const buffer = Buffer.alloc(CHUNK);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) throw tooLarge(options.label, max);
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest("hex");
  });
}

/** True when `file` (resolved) is `root` or below it. */
export function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, path.resolve(file));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

// --- internal ---

async function withRegularFile<T>(
  file: string,
  options: SafeReadOptions,
  max: number,
  use: (handle: FileHandle, size: number) => Promise<T>,
): Promise<T | null> {
  const link = await lstatOrNull(file);
  if (link === null) return null;
  let target = file;
  if (link.isSymbolicLink() || options.root !== undefined) {
    try {
      target = await realpath(file);
    } catch (error) {
      if (isMissing(error)) return null; // a dangling symlink: nothing was written there
      throw error;
    }
    if (options.root !== undefined && !isInside(options.root, target))
      throw new InputRefusedError("outside", messages.inputs.outside(options.label, target));
  }
  let handle: FileHandle;
  try {
    handle = await open(target, OPEN_FLAGS);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new InputRefusedError(
        "not-regular",
        messages.inputs.notRegular(options.label, kindOf(stat)),
      );
    if (stat.size > max) throw tooLarge(options.label, max);
    return await use(handle, stat.size);
  } finally {
    await handle.close();
  }
}

function tooLarge(label: string, max: number): InputRefusedError {
  return new InputRefusedError("too-large", messages.inputs.tooLarge(label, max));
}

async function lstatOrNull(file: string): Promise<Stats | null> {
  try {
    return await lstat(file);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/** What a non-regular file is, for messages. */
export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isSymbolicLink()) return "a symlink";
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice()) return "a character device";
  return "a device";
}
