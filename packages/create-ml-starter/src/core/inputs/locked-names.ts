import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { defaultTemplatesRoot } from "../template/templates-root.js";

const LOCK_TEMPLATE = "uv.lock.hbs";
/** A `[[package]]` entry's own name (dependency references are inline tables, never at the line start). */
const PACKAGE_NAME = /^name = "([A-Za-z0-9][A-Za-z0-9._-]*)"$/gm;

/** PEP 503: runs of `-`, `_`, `.` become one `-`, lower-cased. */
export function normalizeDistName(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

const cache = new Map<string, ReadonlySet<string>>();

/**
 * Every package locked by any template (PEP 503 dist name and its `-`→`_` import form), read from the templates
 * themselves so the rule can never fall behind a relock. A project of that name makes `uv lock --check` fail.
 */
export function lockedPackageNames(
  templatesRoot: string = defaultTemplatesRoot(),
): ReadonlySet<string> {
  const root = path.resolve(templatesRoot);
  const cached = cache.get(root);
  if (cached) return cached;
  const names = new Set<string>();
  let entries: string[] = [];
  try {
    entries = readdirSync(root);
  } catch {
    // No templates here (an unbuilt checkout): createProject reads its own root and applies the rule there.
  }
  for (const entry of entries) {
    let lock: string;
    try {
      lock = readFileSync(path.join(root, entry, LOCK_TEMPLATE), "utf8");
    } catch {
      continue; // not an archetype (the shared layer) or no lock
    }
    for (const match of lock.matchAll(PACKAGE_NAME)) {
      const dist = normalizeDistName(match[1] ?? "");
      names.add(dist).add(dist.replace(/-/g, "_"));
    }
  }
  cache.set(root, names);
  return names;
}
