import type { Stats } from "node:fs";
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../report/errors.js";
import { messages } from "./messages.js";
import { isInside, kindOf, readRegularText } from "../read/safe-read.js";

/** Larger than any report we write; an existing file above it is not ours (and is not read whole). */
const SNIFF_LIMIT = 256 * 1024 * 1024;
const SUMMARY_HEADING = "## ml-starter-verify:";

export interface OutputTargets {
  /** The project directory, real path. */
  root: string;
  report: string;
  summary: string;
}

/**
 * Checked before anything runs, so a bad path costs nothing: the project directory exists (it is never
 * created), and each target is new or a file an earlier run of the verifier wrote. Refused: existing
 * non-regular files (FIFO, directory, device, symlink), files the verifier did not write (ml-starter.json,
 * README.md through a derived summary name), and paths inside the project that leave it through a symlink.
 */
export async function checkOutputTargets(
  dir: string,
  report: string,
  summary: string,
): Promise<OutputTargets> {
  const dirStat = await lstatOrNull(dir);
  if (dirStat === null) throw new UsageError(messages.paths.noProject(dir));
  const root = await realpath(dir);
  if (!(await lstatOrNull(root))?.isDirectory())
    throw new UsageError(messages.paths.noProject(dir));
  if (path.resolve(report) === path.resolve(summary))
    throw new UsageError(messages.paths.same(report));
  for (const [flag, file] of [
    ["--report", report],
    ["--summary", summary],
  ] as const) {
    await checkTarget(flag, file, dir, root);
  }
  return { root, report, summary };
}

// --- internal ---

async function checkTarget(flag: string, file: string, dir: string, root: string): Promise<void> {
  const lexicallyInside = isInside(path.resolve(dir), file) || isInside(root, file);
  if (lexicallyInside && !isInside(root, await realTarget(file)))
    throw new UsageError(messages.paths.leavesProject(flag, file));
  const stat = await lstatOrNull(file);
  if (stat === null) return;
  if (!stat.isFile()) throw new UsageError(messages.paths.notRegular(flag, file, kindOf(stat)));
  if (!(await writtenByVerifier(file, stat.size)))
    throw new UsageError(messages.paths.notOurs(flag, file));
}

/** The real path `file` would have once written: its deepest existing ancestor resolved, the rest appended. */
async function realTarget(file: string): Promise<string> {
  const rest: string[] = [];
  let current = path.resolve(file);
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(file);
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** A report (JSON with the report's identifying fields) or a summary (starts with its heading). */
async function writtenByVerifier(file: string, size: number): Promise<boolean> {
  if (size > SNIFF_LIMIT) return false;
  const text = await readRegularText(file, { label: file, maxBytes: SNIFF_LIMIT }).catch(
    () => null,
  );
  if (text === null) return false;
  if (text.startsWith(SUMMARY_HEADING)) return true;
  try {
    const json = JSON.parse(text) as Record<string, unknown> | null;
    const tool = json?.tool as Record<string, unknown> | undefined;
    return (
      typeof json?.schemaVersion === "number" &&
      typeof tool?.name === "string" &&
      Array.isArray(json.steps)
    );
  } catch {
    return false;
  }
}

async function lstatOrNull(file: string): Promise<Stats | null> {
  try {
    return await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
