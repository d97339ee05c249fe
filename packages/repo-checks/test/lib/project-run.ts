// Runs a generated project's own verification steps by role, as `ml-starter.json` declares them.
import path from "node:path";
import { readFile } from "node:fs/promises";
import { run, type RunResult } from "@ml-starter/test-utils";

import type { ProjectFile, VerifyStep as Step } from "@ml-starter/schema";

export async function readProjectFile(dir: string): Promise<ProjectFile> {
  return JSON.parse(await readFile(path.join(dir, "ml-starter.json"), "utf8")) as ProjectFile;
}

/** The project's step with this role (e.g. `generate-data`, `train`); its argv is already rendered. */
export function stepOf(project: ProjectFile, role: string): Step {
  const step = project.verify.steps.find((s) => s.role === role);
  if (!step) throw new Error(`ml-starter.json has no step with role ${role}`);
  return step;
}

/** Runs argv (no shell) in the project; throws with the output when it fails. */
export async function runIn(
  dir: string,
  argv: readonly string[],
  timeoutMs: number,
): Promise<RunResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new Error("empty argv");
  const result = await run(file, args, { cwd: dir, timeout: timeoutMs });
  if (result.exitCode !== 0)
    throw new Error(
      `${argv.join(" ")} exited ${result.exitCode} in ${dir}:\n${result.all.slice(-4000)}`,
    );
  return result;
}

/** A CSV's header cells and its number of data rows (submission files: no quoted newlines). */
export function csvShape(text: string): { header: string[]; rows: number } {
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  const header = (lines[0] ?? "").split(",").map((cell) => cell.replace(/^"(.*)"$/, "$1"));
  return { header, rows: Math.max(0, lines.length - 1) };
}

/** A simple CSV's cells by column name (no quoted commas: ids and space-separated id lists). */
export function csvColumns(text: string): Map<string, string[]> {
  const [head = "", ...lines] = text.split(/\r?\n/).filter((l) => l !== "");
  const unquote = (cell: string) => cell.replace(/^"(.*)"$/, "$1");
  const rows = lines.map((l) => l.split(",").map(unquote));
  return new Map(head.split(",").map((name, i) => [unquote(name), rows.map((r) => r[i] ?? "")]));
}

/** `{ lightgbm: { accuracy: 0.8 } }` from the project's metrics file. */
export async function readMetrics(
  dir: string,
  project: ProjectFile,
): Promise<Record<string, Record<string, number>>> {
  const file = JSON.parse(await readFile(path.join(dir, project.verify.metrics.file), "utf8")) as {
    models: Record<string, Record<string, number>>;
  };
  return file.models;
}
