// The module map in CONTRIBUTING.md (and the package READMEs a section points to) against each package's src/.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { toPosix } from "./paths.js";
import { filesUnder } from "./workspace-packages.js";

const SOURCE = /\.(ts|mts|mjs)$/;

/** `packages/<dir>`'s section of the map: from its `###` heading to the next heading of that level or above. */
export function mapSection(markdown: string, dir: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => /^###\s/.test(l) && l.includes(`\`packages/${dir}\``));
  if (start === -1) return undefined;
  const end = lines.findIndex((l, i) => i > start && /^#{1,3}\s/.test(l));
  return lines.slice(start, end === -1 ? undefined : end).join("\n");
}

/**
 * The package-relative source files a map text names. A backticked `src/…` path names a file; a bare name
 * after it on the same line is a sibling of it (`src/a/b.ts`, `c.ts` → `src/a/c.ts`); a bare name with no
 * path before it on its line is under `src/`.
 */
export function namedSources(text: string): string[] {
  const named: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    let dir = "src";
    for (const [, token] of line.matchAll(/`([^`\s]+)`/g)) {
      if (token === undefined || !SOURCE.test(token) || token.includes("*")) continue;
      if (path.posix.basename(token).startsWith(".")) continue; // `.d.ts`: a kind of file, not a module
      if (token.startsWith("src/")) {
        named.push(token);
        dir = path.posix.dirname(token);
      } else if (!token.includes("/")) named.push(`${dir}/${token}`);
      else if (!token.startsWith("scripts/") && !token.startsWith("test/"))
        named.push(`src/${token}`);
    }
  }
  return [...new Set(named)].sort();
}

/** Files under `<root>/src` the map leaves out, and names in the map with no file. */
export function mapProblems(root: string, text: string): { missing: string[]; stale: string[] } {
  const actual = filesUnder(path.join(root, "src"), SOURCE).map((f) =>
    toPosix(path.relative(root, f)),
  );
  const named = namedSources(text);
  return {
    missing: actual.filter((f) => !named.includes(f)).sort(),
    stale: named.filter((f) => !existsSync(path.join(root, f))).sort(),
  };
}

/** A section's text plus that of the package README it points to (`details in …README…`). */
export function mapTextFor(contributing: string, root: string, dir: string): string | undefined {
  const section = mapSection(contributing, dir);
  if (section === undefined) return undefined;
  const readme = path.join(root, "README.md");
  return /details in .*README/.test(section.split("\n")[0] ?? "") && existsSync(readme)
    ? `${section}\n${readFileSync(readme, "utf8")}`
    : section;
}

export interface LayoutLimits {
  topLevel: number;
  filesPerFolder: number;
  functionLines: number;
}

/** What breaks the layout limits under `src` (a folder path). */
export function layoutProblems(
  src: string,
  limits: LayoutLimits,
  checkTopLevel: boolean,
): string[] {
  const problems: string[] = [];
  const top = readdirSync(src);
  if (checkTopLevel && top.length > limits.topLevel)
    problems.push(`${toPosix(src)}: ${top.length} top-level entries (at most ${limits.topLevel})`);
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    const files = entries.filter((e) => e.isFile()).length;
    if (files > limits.filesPerFolder)
      problems.push(`${toPosix(dir)}: ${files} files (at most ${limits.filesPerFolder})`);
    for (const e of entries) if (e.isDirectory()) visit(path.join(dir, e.name));
  };
  visit(src);
  for (const file of filesUnder(src, SOURCE)) {
    for (const fn of longFunctions(file, limits.functionLines))
      problems.push(
        `${toPosix(file)}:${fn.line}: a function of ${fn.lines} lines (at most ${limits.functionLines})`,
      );
  }
  return problems;
}

/** Functions (declarations, methods, arrows) whose text spans more than `limit` lines. */
export function longFunctions(file: string, limit: number): { line: number; lines: number }[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  const found: { line: number; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      if (last - first + 1 > limit) found.push({ line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
