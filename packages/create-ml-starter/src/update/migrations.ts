import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { MigrationsSchema, type MigrationStep, type Migrations } from "@ml-starter/schema";
import { MlStarterError } from "../core/errors.js";
import { PACKAGE_ROOT } from "../core/template/templates-root.js";
import { compareVersions } from "./versions.js";

/** Shipped beside templates/: the new package knows how to move projects made by older ones. */
export const MIGRATIONS_FILE = "migrations.json";

/** The migrations after `from` up to and including `to`, oldest first. */
export async function pendingMigrations(
  from: string,
  to: string,
  packageRoot = PACKAGE_ROOT,
): Promise<Migrations> {
  const file = path.join(packageRoot, MIGRATIONS_FILE);
  if (!existsSync(file)) return [];
  let list: Migrations;
  try {
    list = MigrationsSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch (error) {
    throw new MlStarterError(
      "TEMPLATE_INVALID",
      `${MIGRATIONS_FILE} of this package is not valid.`,
      { cause: error },
    );
  }
  return list
    .filter((m) => compareVersions(m.version, from) > 0 && compareVersions(m.version, to) <= 0)
    .sort((a, b) => compareVersions(a.version, b.version));
}

/**
 * Applies the migrations to one tree. Run on the base render and on the user's files alike, so the 3-way
 * merge compares like with like (a renamed file is then an edit, not a delete plus an add). A step whose
 * source is already gone is skipped: the project was moved by hand, or never had it.
 */
export async function migrateTree(dir: string, migrations: Migrations): Promise<void> {
  for (const migration of migrations)
    for (const step of migration.steps) await applyStep(dir, step);
}

async function applyStep(dir: string, step: MigrationStep): Promise<void> {
  if (step.kind === "rename") {
    const from = path.join(dir, ...step.from.split("/"));
    const to = path.join(dir, ...step.to.split("/"));
    if (!existsSync(from) || existsSync(to)) return;
    await mkdir(path.dirname(to), { recursive: true });
    await rename(from, to);
    return;
  }
  const file = path.join(dir, ...step.file.split("/"));
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return;
  const moved = moveTomlKey(text, step.key, step.from, step.to);
  if (moved !== text) await writeFile(file, moved);
}

const isHeader = (line: string) => /^\s*\[/.test(line);
const headerOf = (table: string) => (line: string) => line.trim() === `[${table}]`;

/**
 * Moves a one-line `key = value` from table `from` to the top of table `to` (created at the end when
 * missing), as text: comments and layout elsewhere are kept, which a parse-and-serialise would lose.
 */
export function moveTomlKey(text: string, key: string, from: string, to: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex(headerOf(from));
  if (start < 0) return text;
  let end = lines.findIndex((line, i) => i > start && isHeader(line));
  if (end < 0) end = lines.length;
  const keyLine = new RegExp(`^\\s*${key.replace(/-/g, "\\-")}\\s*=`);
  const at = lines.findIndex((line, i) => i > start && i < end && keyLine.test(line));
  // Only single-line values: a multi-line array is left where it is rather than cut in half.
  if (at < 0 || /[[{]\s*(#.*)?$/.test(lines[at] ?? "")) return text;
  const [line] = lines.splice(at, 1);
  const target = lines.findIndex(headerOf(to));
  if (target >= 0) lines.splice(target + 1, 0, line ?? "");
  else {
    const trailing = lines.length > 0 && lines[lines.length - 1] === "" ? lines.pop() : undefined;
    lines.push("", `[${to}]`, line ?? "");
    if (trailing !== undefined) lines.push(trailing);
  }
  return lines.join("\n");
}
