// The workspace's packages as their package.json files declare them, and the bare imports of their code.
import { builtinModules } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./paths.js";

export interface PackageJson {
  name: string;
  version: string;
  description?: string;
  private?: boolean;
  license?: string;
  repository?: unknown;
  homepage?: string;
  bugs?: unknown;
  files?: string[];
  engines?: Record<string, string>;
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  /** The folder under packages/, e.g. `create-ml-starter`. */
  dir: string;
  root: string;
  manifest: PackageJson;
}

export function workspacePackages(): WorkspacePackage[] {
  const base = path.join(REPO_ROOT, "packages");
  return readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((dir) => {
      const root = path.join(base, dir);
      const manifest = JSON.parse(
        readFileSync(path.join(root, "package.json"), "utf8"),
      ) as PackageJson;
      return { dir, root, manifest };
    });
}

/** The packages a release publishes: every workspace package not marked private. */
export const publishablePackages = () =>
  workspacePackages().filter((p) => p.manifest.private !== true);

const SPECIFIERS = [
  // import … from "x", export … from "x", import "x" (also across lines)
  /(?:^|[^\w$.])(?:import|export)\s+(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"'\n]+)["']/g,
  // import("x"), require("x"), require.resolve("x")
  /\b(?:import|require|require\.resolve)\(\s*["']([^"'\n]+)["']\s*\)/g,
];
const BUILTINS = new Set(builtinModules);

/** The npm package a specifier loads (`@s/p/sub` → `@s/p`), or undefined for relative and built-in ones. */
export function packageOf(specifier: string): string | undefined {
  if (/^(\.|\/|#|node:|[a-zA-Z]:\\)/.test(specifier)) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? "");
  return BUILTINS.has(name) ? undefined : name;
}

/** The packages that `text` (JS, TS or .d.ts source) imports or requires. */
export function importedPackages(text: string): Set<string> {
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) {
    for (const m of text.matchAll(pattern)) {
      const pkg = packageOf(m[1] ?? "");
      if (pkg !== undefined) found.add(pkg);
    }
  }
  return found;
}

/** Every file under `dir` (recursively) whose name matches `pattern`. */
export function filesUnder(dir: string, pattern: RegExp): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full, pattern);
    return pattern.test(e.name) ? [full] : [];
  });
}

export const importsOfFiles = (files: readonly string[]): Set<string> =>
  new Set(files.flatMap((f) => [...importedPackages(readFileSync(f, "utf8"))]));

/**
 * What is wrong with a package's declared dependencies, given what its published code (`shipped`) and
 * its sources (`source`) import: a runtime dependency nothing ships uses, a shipped import that is not a
 * runtime dependency, a source import declared nowhere.
 */
export function dependencyProblems(
  manifest: PackageJson,
  shipped: ReadonlySet<string>,
  source: ReadonlySet<string>,
): string[] {
  const runtime = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const dev = new Set(Object.keys(manifest.devDependencies ?? {}));
  const problems: string[] = [];
  for (const dep of runtime)
    if (!shipped.has(dep)) problems.push(`${dep}: a dependency that no published file imports`);
  for (const pkg of shipped)
    if (!runtime.has(pkg) && pkg !== manifest.name)
      problems.push(`${pkg}: imported by a published file but not in dependencies`);
  for (const pkg of source)
    if (!runtime.has(pkg) && !dev.has(pkg) && pkg !== manifest.name)
      problems.push(`${pkg}: imported by src/ but declared nowhere`);
  return problems.sort();
}
