// The byte-identity manifest of a generated project: sorted (path, sha256, mode class) lines
// (reliability.md §8 check 14). The mode class is "exec" or "regular" and is ignored on Windows.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { TreeEntry } from "./tree-lint.js";

export type ModeClass = "exec" | "regular";

export interface ManifestEntry {
  path: string;
  sha256: string;
  mode: ModeClass;
}

/** Code-point order (what `sort` does in the C locale), the same on every OS and Node version. */
const byPath = (a: { path: string }, b: { path: string }) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

export function manifestOf(entries: readonly TreeEntry[]): ManifestEntry[] {
  return entries
    .filter((e) => e.kind !== "dir")
    .map((e) => ({
      path: e.path,
      // A symlink or special file has no content here; the lint reports it separately.
      sha256: e.content ? createHash("sha256").update(e.content).digest("hex") : `(${e.kind})`,
      mode: e.executable ? ("exec" as const) : ("regular" as const),
    }))
    .sort(byPath);
}

export function formatManifest(
  entries: readonly ManifestEntry[],
  header: readonly string[],
): string {
  return (
    [
      ...header.map((h) => `# ${h}`),
      ...entries.map((e) => `${e.sha256}  ${e.mode.padEnd(7)}  ${e.path}`),
    ].join("\n") + "\n"
  );
}

export function parseManifest(text: string): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([0-9a-f]{64}|\(\w+\)) {2}(exec|regular) {2,}(.+)$/.exec(line);
    if (!match) throw new Error(`unreadable manifest line: ${JSON.stringify(line)}`);
    out.push({
      sha256: match[1] ?? "",
      mode: (match[2] ?? "regular") as ModeClass,
      path: match[3] ?? "",
    });
  }
  return out;
}

/** Human-readable differences; empty when identical. `ignoreMode` on Windows, which has no exec bit. */
export function diffManifests(
  expected: readonly ManifestEntry[],
  actual: readonly ManifestEntry[],
  ignoreMode: boolean,
): string[] {
  const want = new Map(expected.map((e) => [e.path, e]));
  const have = new Map(actual.map((e) => [e.path, e]));
  const diffs: string[] = [];
  for (const [p, e] of want) {
    const a = have.get(p);
    if (!a) diffs.push(`missing:  ${p}`);
    else if (a.sha256 !== e.sha256)
      diffs.push(`changed:  ${p} (sha256 ${e.sha256.slice(0, 12)}… → ${a.sha256.slice(0, 12)}…)`);
    else if (!ignoreMode && a.mode !== e.mode) diffs.push(`mode:     ${p} (${e.mode} → ${a.mode})`);
  }
  for (const p of have.keys()) if (!want.has(p)) diffs.push(`added:    ${p}`);
  return diffs.sort();
}

/**
 * Compares against the committed snapshot, or rewrites it when UPDATE_SNAPSHOTS=1. Rewriting is refused
 * under CI=true: CI must compare, never bless whatever it happened to generate.
 */
export async function checkSnapshot(
  file: string,
  actual: readonly ManifestEntry[],
  header: readonly string[],
  env = process.env,
) {
  const update = env["UPDATE_SNAPSHOTS"] === "1";
  if (update) {
    if (/^(1|true)$/i.test(env["CI"] ?? ""))
      throw new Error(
        "UPDATE_SNAPSHOTS=1 is refused under CI=true: regenerate snapshots locally and commit them",
      );
    await writeFile(file, formatManifest(actual, header));
    return { updated: true, diffs: [] as string[] };
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return {
      updated: false,
      diffs: [
        `no snapshot at ${file}: run UPDATE_SNAPSHOTS=1 pnpm --filter @ml-starter/repo-checks test:e2e and commit it`,
      ],
    };
  }
  return {
    updated: false,
    diffs: diffManifests(parseManifest(text), actual, process.platform === "win32"),
  };
}
