import path from "node:path";
import type { Finding } from "@ml-starter/schema";
import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";
import { unpinnedFromLines } from "./dockerfile-from.js";
import { messages } from "../cli/messages.js";
import { InputRefusedError, readRegularText } from "../read/safe-read.js";

const LIFECYCLE_SYNC_KEYS = [
  "onCreateCommand",
  "updateContentCommand",
  "postCreateCommand",
] as const;
const ALL_LIFECYCLE_KEYS = [
  "initializeCommand",
  ...LIFECYCLE_SYNC_KEYS,
  "postStartCommand",
  "postAttachCommand",
] as const;
const REQUIRED_SECRETS = ["KAGGLE_API_TOKEN"] as const;
const DIGEST = /@sha256:[0-9a-f]{64}$/;

/**
 * Static checks of the devcontainer, no Docker needed: image (or Dockerfile FROM) pinned by digest; every Feature
 * pinned and recorded in the lockfile; lifecycle commands sync with `--locked`, never `--frozen`; declared
 * secrets; LF line endings in `.gitattributes`. Each finding names the file and the key.
 */
export async function checkDevcontainer(dir: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (file: string, key: string, rule: string, message: string) =>
    findings.push({ file, key, rule, message });

  const located = await locateConfig(dir, add);
  if (located === undefined) {
    add(".devcontainer/devcontainer.json", "(file)", "present", messages.devcontainer.missing);
  } else {
    const { rel, text } = located;
    const errors: ParseError[] = [];
    const config: unknown = parse(text, errors, {
      allowTrailingComma: true,
      disallowComments: false,
    });
    if (errors.length > 0 || !isRecord(config)) {
      const first = errors[0];
      add(
        rel,
        "(file)",
        "parse",
        messages.devcontainer.unparsable(
          first ? `${printParseErrorCode(first.error)} at offset ${first.offset}` : "not an object",
        ),
      );
    } else {
      await checkImage(dir, rel, config, add);
      await checkFeatures(dir, rel, config, add);
      checkLifecycle(rel, config, add);
      checkSecrets(rel, config, add);
    }
  }
  await checkGitattributes(dir, add);
  return findings.sort((a, b) =>
    a.file + "\0" + a.key + "\0" + a.rule < b.file + "\0" + b.key + "\0" + b.rule ? -1 : 1,
  );
}

// --- internal ---

type Add = (file: string, key: string, rule: string, message: string) => void;

async function locateConfig(
  dir: string,
  add: Add,
): Promise<{ rel: string; text: string } | undefined> {
  for (const rel of [".devcontainer/devcontainer.json", ".devcontainer.json"]) {
    const text = await readText(dir, rel, add);
    if (text !== undefined) return { rel, text };
  }
  return undefined;
}

async function checkImage(dir: string, rel: string, config: Record<string, unknown>, add: Add) {
  const image = config["image"];
  const build = config["build"];
  if (typeof image === "string") {
    if (!DIGEST.test(image))
      add(rel, "image", "image-pinned", messages.devcontainer.imageUnpinned(image));
    return;
  }
  if (isRecord(build) && typeof build["dockerfile"] === "string") {
    const dockerfile = path.posix.join(
      path.posix.dirname(rel),
      build["dockerfile"].replace(/\\/g, "/"),
    );
    const text = await readText(dir, dockerfile, add);
    if (text === undefined) {
      add(
        rel,
        "build.dockerfile",
        "image-pinned",
        messages.devcontainer.dockerfileMissing(dockerfile),
      );
      return;
    }
    for (const from of unpinnedFromLines(text)) {
      add(
        dockerfile,
        `FROM ${from.image} (line ${from.line})`,
        "image-pinned",
        messages.devcontainer.fromUnpinned(from.image),
      );
    }
    return;
  }
  add(rel, "image", "image-pinned", messages.devcontainer.noImage);
}

async function checkFeatures(dir: string, rel: string, config: Record<string, unknown>, add: Add) {
  const features = isRecord(config["features"]) ? Object.keys(config["features"]) : [];
  const lockRel = path.posix.basename(rel).startsWith(".")
    ? path.posix.join(path.posix.dirname(rel), ".devcontainer-lock.json")
    : path.posix.join(path.posix.dirname(rel), "devcontainer-lock.json");
  for (const id of features) {
    if (isLocalFeature(id) || isTarballFeature(id)) continue;
    if (!isPinnedFeature(id))
      add(rel, `features["${id}"]`, "feature-pinned", messages.devcontainer.featureUnpinned(id));
  }
  const lockText = await readText(dir, lockRel, add);
  if (lockText === undefined) {
    add(lockRel, "(file)", "lockfile-present", messages.devcontainer.lockMissing(lockRel));
    return;
  }
  if (lockText.trim() === "") {
    add(lockRel, "(file)", "lockfile-present", messages.devcontainer.lockEmpty);
    return;
  }
  const errors: ParseError[] = [];
  const lock: unknown = parse(lockText, errors, { allowTrailingComma: true });
  const locked = isRecord(lock) && isRecord(lock["features"]) ? lock["features"] : undefined;
  if (errors.length > 0 || locked === undefined) {
    add(lockRel, "features", "lockfile-valid", messages.devcontainer.lockInvalid);
    return;
  }
  for (const id of features) {
    if (isLocalFeature(id)) continue; // local features are never recorded (devcontainers/cli 0.86.1)
    const entry = locked[id];
    if (!isRecord(entry)) {
      add(
        lockRel,
        `features["${id}"]`,
        "feature-locked",
        messages.devcontainer.featureNotLocked(id),
      );
      continue;
    }
    const missing = ["version", "resolved"].filter(
      (k) => typeof entry[k] !== "string" || entry[k] === "",
    );
    if (typeof entry["integrity"] !== "string" || !/^sha256:[0-9a-f]{64}$/.test(entry["integrity"]))
      missing.push("integrity");
    if (missing.length > 0) {
      add(
        lockRel,
        `features["${id}"]`,
        "feature-locked",
        messages.devcontainer.lockEntryIncomplete(id, missing),
      );
    }
  }
  for (const id of Object.keys(locked)) {
    if (!features.includes(id))
      add(lockRel, `features["${id}"]`, "feature-locked", messages.devcontainer.lockExtra(id));
  }
}

function checkLifecycle(rel: string, config: Record<string, unknown>, add: Add) {
  let syncsLocked = false;
  for (const key of ALL_LIFECYCLE_KEYS) {
    for (const [where, command] of commandsOf(key, config[key])) {
      if (/(^|\s)--frozen(\s|=|$)/.test(command) || /\bUV_FROZEN=/.test(command)) {
        add(rel, where, "sync-locked", messages.devcontainer.frozen(where));
      }
      for (const sync of command.matchAll(/\buv\s+sync\b([^&|;\n]*)/g)) {
        if (/(^|\s)--locked(\s|$)/.test(sync[1] ?? "")) {
          if ((LIFECYCLE_SYNC_KEYS as readonly string[]).includes(key)) syncsLocked = true;
        } else {
          add(rel, where, "sync-locked", messages.devcontainer.syncNotLocked(where));
        }
      }
    }
  }
  for (const envKey of ["containerEnv", "remoteEnv"]) {
    const env = config[envKey];
    if (isRecord(env) && "UV_FROZEN" in env)
      add(rel, `${envKey}.UV_FROZEN`, "sync-locked", messages.devcontainer.frozenEnv);
  }
  if (!syncsLocked)
    add(rel, LIFECYCLE_SYNC_KEYS.join("|"), "sync-locked", messages.devcontainer.noLockedSync);
}

function checkSecrets(rel: string, config: Record<string, unknown>, add: Add) {
  const secrets = isRecord(config["secrets"]) ? config["secrets"] : {};
  for (const name of REQUIRED_SECRETS) {
    if (!(name in secrets))
      add(rel, `secrets.${name}`, "secrets-declared", messages.devcontainer.secretMissing(name));
  }
}

async function checkGitattributes(dir: string, add: Add) {
  const text = await readText(dir, ".gitattributes", add);
  if (text === undefined) {
    add(".gitattributes", "(file)", "eol-lf", messages.devcontainer.gitattributesMissing);
    return;
  }
  const catchAll = text
    .split(/\r?\n/)
    .some((line) => /^\*\s/.test(line) && /(^|\s)eol=lf(\s|$)/.test(line));
  if (!catchAll) add(".gitattributes", "*", "eol-lf", messages.devcontainer.gitattributesNoLf);
}

/** A lifecycle command in its three forms (string, argv array, named object) → `[key, command text]`. */
function commandsOf(key: string, value: unknown): Array<[string, string]> {
  if (typeof value === "string") return [[key, value]];
  if (Array.isArray(value)) return [[key, value.map(String).join(" ")]];
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([name, v]) => commandsOf(`${key}.${name}`, v));
  }
  return [];
}

function isPinnedFeature(id: string): boolean {
  if (DIGEST.test(id)) return true;
  const tag = /:([^/:@]+)$/.exec(id)?.[1];
  return tag !== undefined && /^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/.test(tag);
}

const isLocalFeature = (id: string) => id.startsWith("./") || id.startsWith("../");
const isTarballFeature = (id: string) => /^https?:\/\//i.test(id);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A project file as text; one that is not a regular file inside the project is a finding, never read. */
async function readText(dir: string, rel: string, add: Add): Promise<string | undefined> {
  try {
    return (
      (await readRegularText(path.join(dir, ...rel.split("/")), { label: rel, root: dir })) ??
      undefined
    );
  } catch (error) {
    if (error instanceof InputRefusedError) add(rel, "(file)", "regular-file", error.message);
    return undefined;
  }
}
