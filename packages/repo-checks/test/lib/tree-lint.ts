// The template lint (reliability.md §4.1–4.4, §8 checks 5 and 14) as one reusable function over a list of
// entries, so the packed tarball, a generated project and a deliberately broken copy of one are all
// checked by exactly the same rules.
import path from "node:path";
import { lstat, readdir, readFile } from "node:fs/promises";

export type EntryKind = "file" | "dir" | "symlink" | "other";

export interface TreeEntry {
  /** POSIX path relative to the tree's root, as stored (no normalisation). */
  path: string;
  kind: EntryKind;
  /** File bytes (files only). */
  content?: Buffer;
  /** Any execute bit set (POSIX trees and tar entries). */
  executable?: boolean;
}

export type LintRule =
  | "symlink"
  | "special-file"
  | "non-ascii-path"
  | "path-too-long"
  | "windows-reserved-name"
  | "windows-invalid-character"
  | "trailing-dot-or-space"
  | "case-collision"
  | "unicode-collision"
  | "invalid-utf8"
  | "crlf"
  | "forbidden-string"
  | "timestamp";

export interface Finding {
  path: string;
  rule: LintRule;
  detail: string;
}

export interface ForbiddenString {
  /** What it is, for the message (e.g. "temp dir", "username"). */
  label: string;
  value: string;
}

export interface LintOptions {
  /** Longest allowed relative path (Windows MAX_PATH budget). Default 100. */
  maxPathLength?: number;
  /** Strings no file may contain (absolute paths, the username, the hostname…). */
  forbiddenStrings?: readonly ForbiddenString[];
  /** Flag ISO date-times (generation must not stamp the time). Default false. */
  timestamps?: boolean;
  /** Extra date strings (e.g. today's date) to flag when `timestamps` is on. */
  forbiddenDates?: readonly string[];
}

/** `CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, in any case, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?$/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const WINDOWS_INVALID = /[<>:"\\|?*\u0000-\u001f]/;
const BINARY_EXTENSIONS = new Set([
  ".png",
  ".jpg",
  ".jpeg",
  ".gif",
  ".ico",
  ".webp",
  ".pdf",
  ".zip",
  ".gz",
  ".tgz",
  ".bz2",
  ".xz",
  ".7z",
  ".whl",
  ".parquet",
  ".feather",
  ".pkl",
  ".pickle",
  ".npy",
  ".npz",
  ".joblib",
  ".bin",
  ".so",
  ".dll",
  ".exe",
]);
/** `2026-11-25T02:44`, `2026-11-25 02:44:10`… (seconds, fraction and zone optional). */
const ISO_DATETIME =
  /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\b/g;
/**
 * Date-times that are data, not a generation stamp: uv.lock records each distribution's upload time
 * (what PyPI says, identical on every machine), and `exclude-newer` is a fixed, deliberate cut-off.
 */
const ALLOWED_DATETIME_CONTEXT = /(?:upload-time|exclude-newer)\s*=\s*"$/;

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function isBinaryPath(p: string): boolean {
  return BINARY_EXTENSIONS.has(path.posix.extname(p).toLowerCase());
}

/** Text = not a known binary extension and no NUL byte; text files must be LF-only valid UTF-8. */
export function isTextContent(p: string, content: Buffer): boolean {
  return !isBinaryPath(p) && !content.includes(0);
}

/** Every prefix of a path (`a`, `a/b`, `a/b/c`): directories collide too. */
function prefixes(p: string): string[] {
  const parts = p.split("/");
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

function collisions(paths: readonly string[], key: (p: string) => string): Map<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const p of paths) {
    for (const prefix of prefixes(p)) {
      const k = key(prefix);
      const set = groups.get(k) ?? new Set<string>();
      set.add(prefix);
      groups.set(k, set);
    }
  }
  const out = new Map<string, string[]>();
  for (const [k, set] of groups) if (set.size > 1) out.set(k, [...set].sort());
  return out;
}

function lintName(p: string, maxPathLength: number): Finding[] {
  const findings: Finding[] = [];
  if (/[^\u0020-\u007e]/.test(p))
    findings.push({ path: p, rule: "non-ascii-path", detail: "path must be printable ASCII" });
  if (p.length > maxPathLength) {
    findings.push({
      path: p,
      rule: "path-too-long",
      detail: `${p.length} characters (limit ${maxPathLength})`,
    });
  }
  for (const segment of p.split("/")) {
    if (WINDOWS_RESERVED.test(segment)) {
      findings.push({
        path: p,
        rule: "windows-reserved-name",
        detail: `"${segment}" is a reserved device name on Windows`,
      });
    }
    if (WINDOWS_INVALID.test(segment)) {
      findings.push({
        path: p,
        rule: "windows-invalid-character",
        detail: `"${segment}" has a character Windows forbids`,
      });
    }
    if (/[. ]$/.test(segment)) {
      findings.push({
        path: p,
        rule: "trailing-dot-or-space",
        detail: `"${segment}" ends in a dot or space (Windows drops it)`,
      });
    }
  }
  return findings;
}

function lintContent(entry: TreeEntry & { content: Buffer }, options: LintOptions): Finding[] {
  const findings: Finding[] = [];
  const { path: p, content } = entry;
  for (const { label, value } of options.forbiddenStrings ?? []) {
    if (value !== "" && content.includes(Buffer.from(value, "utf8"))) {
      findings.push({
        path: p,
        rule: "forbidden-string",
        detail: `contains the ${label} (${JSON.stringify(value)})`,
      });
    }
  }
  if (!isTextContent(p, content)) return findings;
  let text: string;
  try {
    text = utf8.decode(content);
  } catch {
    return [...findings, { path: p, rule: "invalid-utf8", detail: "text file is not valid UTF-8" }];
  }
  const cr = text.indexOf("\r");
  if (cr !== -1) {
    const line = text.slice(0, cr).split("\n").length;
    findings.push({
      path: p,
      rule: "crlf",
      detail: `carriage return on line ${line}: text files must be LF-only`,
    });
  }
  if (options.timestamps) {
    for (const match of text.matchAll(ISO_DATETIME)) {
      const before = text.slice(Math.max(0, match.index - 40), match.index);
      if (ALLOWED_DATETIME_CONTEXT.test(before)) continue;
      findings.push({ path: p, rule: "timestamp", detail: `contains the date-time ${match[0]}` });
    }
    for (const date of options.forbiddenDates ?? []) {
      if (text.includes(date))
        findings.push({ path: p, rule: "timestamp", detail: `contains today's date ${date}` });
    }
  }
  return findings;
}

/** The lint itself: names, collisions, entry kinds and file contents. Returns every finding, sorted. */
export function lintEntries(entries: readonly TreeEntry[], options: LintOptions = {}): Finding[] {
  const maxPathLength = options.maxPathLength ?? 100;
  const findings: Finding[] = [];
  for (const entry of entries) {
    findings.push(...lintName(entry.path, maxPathLength));
    if (entry.kind === "symlink")
      findings.push({
        path: entry.path,
        rule: "symlink",
        detail: "symlinks are dropped by npm pack and unsafe in templates",
      });
    if (entry.kind === "other")
      findings.push({
        path: entry.path,
        rule: "special-file",
        detail: "not a regular file or directory (hard link, device, fifo…)",
      });
    if (entry.kind === "file" && entry.content)
      findings.push(...lintContent({ ...entry, content: entry.content }, options));
  }
  const paths = entries.map((e) => e.path);
  for (const [, group] of collisions(paths, (p) => p.normalize("NFC").toLowerCase())) {
    const nfc = new Set(group.map((p) => p.normalize("NFC")));
    const rule: LintRule = nfc.size < group.length ? "unicode-collision" : "case-collision";
    findings.push({
      path: group[0] ?? "",
      rule,
      detail: `collides on case-insensitive or normalising filesystems with ${group.slice(1).join(", ")}`,
    });
  }
  return findings.sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0,
  );
}

/** A directory tree as entries (lstat: symlinks are reported, never followed). */
export async function readTree(root: string, rel = ""): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  for (const name of (await readdir(path.join(root, rel))).sort()) {
    const relPath = rel === "" ? name : `${rel}/${name}`;
    const full = path.join(root, ...relPath.split("/"));
    const stat = await lstat(full);
    if (stat.isSymbolicLink()) entries.push({ path: relPath, kind: "symlink" });
    else if (stat.isDirectory()) {
      entries.push({ path: relPath, kind: "dir" });
      entries.push(...(await readTree(root, relPath)));
    } else if (stat.isFile()) {
      entries.push({
        path: relPath,
        kind: "file",
        content: await readFile(full),
        executable: (stat.mode & 0o111) !== 0,
      });
    } else entries.push({ path: relPath, kind: "other" });
  }
  return entries;
}

export async function lintTree(root: string, options: LintOptions = {}): Promise<Finding[]> {
  return lintEntries(await readTree(root), options);
}

/** For assertion messages: one finding per line. */
export const formatFindings = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.path}: ${f.rule}: ${f.detail}`).join("\n");
