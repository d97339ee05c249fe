import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { StepData, VerifyStep } from "@ml-starter/schema";
import { sha256Text } from "../fingerprint/hash.js";
import { readMetrics } from "./metrics.js";
import { InputRefusedError, readRegularFile } from "../read/safe-read.js";

/** The project's code: what a step ran (tests and models alike). */
export const SOURCE_DIRS = ["src", "tests"] as const;
// Written by the runs themselves (bytecode, tool caches): hashing them would make every step differ.
const SKIPPED_DIRS = new Set(["__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"]);
const SKIPPED_FILE = /\.py[cod]$/;
/** Far above any project's code; bounds the time a hostile tree can cost. */
const MAX_SOURCE_FILES = 20_000;

/**
 * sha256 over every regular file under src/ and tests/: its project-relative POSIX path and the sha256 of its
 * LF-normalised bytes, in path order (so a CRLF checkout hashes like LF). Symlinks are read only when they stay
 * inside the project (safe-read); an entry that cannot be read counts as its path and why. Null when neither
 * folder exists.
 */
export async function sourceFingerprint(root: string): Promise<string | null> {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) await collect(root, dir, files);
  if (files.length === 0 && !(await anyExists(root))) return null;
  const hash = createHash("sha256");
  for (const rel of files.sort()) {
    let entry: string;
    try {
      const bytes = await readRegularFile(path.join(root, rel), { label: rel, root });
      entry = bytes === null ? "missing" : sha256Text(bytes);
    } catch (error) {
      if (!(error instanceof InputRefusedError)) throw error;
      entry = `refused:${error.reason}`;
    }
    hash.update(`${rel}\0${entry}\n`);
  }
  return hash.digest("hex");
}

/**
 * The data a step used, from its role: generate-data writes the synthetic set, the test step's suite builds
 * its own synthetic data (docs/template-contract.md), and a train step that passed says in its metrics file which
 * set it read (a failed one may have left an earlier run's file).
 */
export async function stepDataset(
  step: VerifyStep,
  root: string,
  metricsFile: string | undefined,
  passed: boolean,
): Promise<StepData["dataset"]> {
  if (step.role === "generate-data" || step.role === "test") return "synthetic";
  if (step.role !== "train" || metricsFile === undefined || !passed) return null;
  const metrics = await readMetrics(root, metricsFile);
  return metrics.ok ? metrics.dataset : null;
}

async function collect(root: string, rel: string, into: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    return; // absent (or not a folder): nothing of it was run
  }
  for (const e of entries) {
    if (into.length >= MAX_SOURCE_FILES) return;
    const child = `${rel}/${e.name}`;
    // Dirent says "symlink", not "directory", for a link to a folder: links are hashed as files, never walked.
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) await collect(root, child, into);
    } else if (!SKIPPED_FILE.test(e.name)) into.push(child);
  }
}

async function anyExists(root: string): Promise<boolean> {
  for (const dir of SOURCE_DIRS) {
    try {
      await readdir(path.join(root, dir));
      return true;
    } catch {
      // try the next one
    }
  }
  return false;
}
