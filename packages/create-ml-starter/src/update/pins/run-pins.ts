import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "smol-toml";
import type { PinsReport } from "@ml-starter/schema";
import { MlStarterError } from "../../core/errors.js";
import { runTool } from "../git.js";
import { currentDigest, formatImageRef, parseImageRef } from "./image-digest.js";
import { pinsMessages } from "../messages.js";
import { assertCleanTree, readProjectState } from "../project-state.js";
import { currentUvVersion, uvBumpEdits, type FileEdit } from "./uv-version.js";

export interface PinsOptions {
  cooldownDays: number;
  relock: boolean;
  image: boolean;
  /** Bump uv to this exact version everywhere the project pins it; undefined leaves uv alone. */
  uv: string | undefined;
  dryRun: boolean;
  json: boolean;
}

export type PinChange = PinsReport["changes"][number];

const USAGE =
  "usage: update --pins [--cooldown <days>] [--no-relock] [--no-image] [--dry-run] [--json]";
const DEVCONTAINER = ".devcontainer/devcontainer.json";
const DAY_MS = 86_400_000;
// The `"image": "<ref>"` member of devcontainer.json (JSONC: edited as text so its comments stay).
const IMAGE_MEMBER = /("image"\s*:\s*")([^"]+)(")/;

export function parsePinsArgs(argv: readonly string[]): PinsOptions {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        pins: { type: "boolean", default: false },
        cooldown: { type: "string", default: "7" },
        "no-relock": { type: "boolean", default: false },
        "no-image": { type: "boolean", default: false },
        uv: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        debug: { type: "boolean", default: false },
      },
    });
    if (!/^\d{1,4}$/.test(values.cooldown))
      throw new Error(
        `--cooldown takes a whole number of days, not ${JSON.stringify(values.cooldown)}`,
      );
    if (values.uv !== undefined && !/^\d+\.\d+\.\d+$/.test(values.uv))
      throw new Error(
        `--uv takes an exact version such as 0.13.9, not ${JSON.stringify(values.uv)}`,
      );
    return {
      uv: values.uv,
      cooldownDays: Number(values.cooldown),
      relock: !values["no-relock"],
      image: !values["no-image"],
      dryRun: values["dry-run"],
      json: values.json,
    };
  } catch (error) {
    throw new MlStarterError("INVALID_OPTION", (error as Error).message, { hint: USAGE });
  }
}

/** The new devcontainer.json text and the change, or undefined when the digest is already current. */
async function refreshImage(text: string) {
  const match = IMAGE_MEMBER.exec(text);
  if (!match) return { text, change: undefined, note: pinsMessages.noImage };
  const from = match[2]!;
  const ref = parseImageRef(from);
  const to = formatImageRef(ref, await currentDigest(ref));
  if (to === from) return { text, change: undefined, note: pinsMessages.imageSame(from) };
  const change: PinChange = { pin: "image", file: DEVCONTAINER, from, to };
  return {
    text: text.replace(IMAGE_MEMBER, `$1${to}$3`),
    change,
    note: pinsMessages.imageBumped(from, to),
  };
}

/**
 * Relock with a cooldown: `--upgrade --exclude-newer` picks the newest releases older than the cut-off
 * (from the user's own pyproject, so their dependencies stay); a plain `uv lock` then drops the cut-off
 * from the lock's options (keeping every version) so `uv lock --check` and later `uv add` work as before.
 */
async function relock(root: string, excludeNewer: string): Promise<PinChange[]> {
  const lockPath = path.join(root, "uv.lock");
  const before = lockedVersions(await readFile(lockPath, "utf8").catch(() => ""));
  for (const args of [["lock", "--upgrade", "--exclude-newer", excludeNewer], ["lock"]]) {
    const result = await runTool("uv", args, root);
    if (result.exitCode !== 0)
      throw new MlStarterError("UPDATE_FAILED", pinsMessages.relockFailed(result.stderr));
  }
  const after = lockedVersions(await readFile(lockPath, "utf8"));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names
    .filter((name) => before.get(name) !== after.get(name))
    .map((name) => ({
      pin: name,
      file: "uv.lock",
      from: before.get(name) ?? "",
      to: after.get(name) ?? "",
    }));
}

/** name → version of every `[[package]]` in a uv.lock ("" for the project itself, which has none). */
function lockedVersions(text: string): Map<string, string> {
  const lock = text ? (parse(text) as { package?: { name: string; version?: string }[] }) : {};
  return new Map((lock.package ?? []).map((p) => [p.name, p.version ?? ""]));
}

/** The files to rewrite for uv `to` (read, and the index asked, before anything is written). */
async function uvEditsFor(
  root: string,
  to: string,
  changes: PinChange[],
  notes: string[],
): Promise<FileEdit[]> {
  const from = await currentUvVersion(root);
  if (from === undefined)
    throw new MlStarterError("INVALID_OPTION", pinsMessages.noUvPin, { hint: USAGE });
  if (from === to) return [];
  const edits = await uvBumpEdits(root, from, to);
  for (const edit of edits) {
    changes.push({ pin: "uv", file: edit.file, from, to });
    notes.push(pinsMessages.uvBumped(edit.file, from, to));
  }
  return edits;
}

/** `update --pins`: refresh the project's pins in place (never the template files' other content). */
export async function runPins(
  argv: readonly string[],
  io: { out: (line: string) => void; cwd: string },
  now: Date = new Date(),
): Promise<number> {
  const options = parsePinsArgs(argv);
  const state = await readProjectState(io.cwd);
  await assertCleanTree(state.root);
  const notes: string[] = [];
  const changes: PinChange[] = [];
  // Every network read happens before anything is written, so a failed look-up leaves the tree as it was.
  const devPath = path.join(state.root, ...DEVCONTAINER.split("/"));
  let devText: string | undefined;
  if (options.image) {
    const original = await readFile(devPath, "utf8").catch(() => undefined);
    if (original === undefined) notes.push(pinsMessages.noImage);
    else {
      const image = await refreshImage(original);
      notes.push(image.note);
      if (image.change) {
        changes.push(image.change);
        devText = image.text;
      }
    }
  }
  const uvEdits =
    options.uv === undefined ? [] : await uvEditsFor(state.root, options.uv, changes, notes);
  const excludeNewer = options.relock
    ? new Date(now.getTime() - options.cooldownDays * DAY_MS)
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z")
    : null;
  if (!options.dryRun) {
    // uv first: when it fails (network, resolution) devcontainer.json has not been touched yet.
    if (excludeNewer) {
      const locked = await relock(state.root, excludeNewer);
      changes.push(...locked);
      notes.push(pinsMessages.relocked(excludeNewer));
      for (const change of locked) notes.push(pinsMessages.packageBumped(change));
    }
    if (devText !== undefined) await writeFile(devPath, devText);
    for (const edit of uvEdits)
      await writeFile(path.join(state.root, ...edit.file.split("/")), edit.text);
  }
  const report: PinsReport = { dryRun: options.dryRun, excludeNewer, changes };
  if (options.json) io.out(JSON.stringify(report, null, 2));
  else {
    for (const note of notes) io.out(note);
    io.out(pinsMessages.summary(changes.length, options.dryRun));
  }
  return 0;
}
