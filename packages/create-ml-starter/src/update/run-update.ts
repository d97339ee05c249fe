import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { MlStarterError } from "../core/errors.js";
import { GENERATOR } from "../core/generator-info.js";
import { applyMerge } from "./apply-merge.js";
import { refreshLockfiles, type LockOutcome } from "./lockfiles.js";
import { planMerge, type FilePlan } from "./merge-files.js";
import { updateMessages } from "./messages.js";
import { assertCleanTree, readProjectState, type ProjectState } from "./project-state.js";
import { firstCommitTree, renderFromRegistry, renderInstalled, tempDir, type RenderedTree } from "./sources.js";

/** `update` left conflicts to resolve (markers in the files, stages in the index). */
export const UPDATE_CONFLICTS_EXIT = 4;
/** `check-update`: a newer version than the project's exists. */
export const UPDATE_AVAILABLE_EXIT = 10;

export interface UpdateIo {
  out: (line: string) => void;
  cwd: string;
}

export interface UpdateOptions {
  to: string | undefined;
  dryRun: boolean;
  json: boolean;
  offline: boolean;
}

export function parseUpdateArgs(argv: readonly string[]): UpdateOptions {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        to: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        offline: { type: "boolean", default: false },
        debug: { type: "boolean", default: false },
      },
    });
    return { to: values.to, dryRun: values["dry-run"], json: values.json, offline: values.offline };
  } catch (error) {
    throw new MlStarterError("INVALID_OPTION", (error as Error).message, {
      hint: "usage: update [--to <version>] [--dry-run] [--json] [--offline]",
    });
  }
}

/** The base: the recorded version from the registry, or (offline, or when that fails) the first commit. */
async function baseTree(state: ProjectState, offline: boolean, io: UpdateIo, json: boolean): Promise<RenderedTree> {
  const version = state.file.generator.version;
  if (offline) return firstCommitTree(state);
  try {
    return await renderFromRegistry(state, version);
  } catch (error) {
    if (!(error instanceof MlStarterError && error.code === "UPDATE_SOURCE_UNAVAILABLE")) throw error;
    if (!json) io.out(updateMessages.registryFallback(version, error.message));
    return firstCommitTree(state);
  }
}

export interface UpdateReport {
  from: string;
  to: string;
  sources: { base: RenderedTree["kind"]; target: RenderedTree["kind"] };
  dryRun: boolean;
  files: { path: string; action: FilePlan["action"]; reason?: string }[];
  lockfiles: LockOutcome[];
  conflicts: number;
}

/** `update`: render old and new with the project's answers, merge 3-way into the tree, relock. */
export async function runUpdate(argv: readonly string[], io: UpdateIo): Promise<number> {
  const options = parseUpdateArgs(argv);
  const state = await readProjectState(io.cwd);
  await assertCleanTree(state.root);
  const from = state.file.generator.version;
  const to = options.to ?? GENERATOR.version;
  const temps: string[] = [];
  try {
    const target = options.to === undefined ? await renderInstalled(state, to) : await renderFromRegistry(state, to);
    const base = await baseTree(state, options.offline, io, options.json);
    temps.push(path.dirname(target.dir), path.dirname(base.dir));
    const empty = path.join(path.dirname(base.dir), "empty");
    await writeFile(empty, "");
    const plans = await planMerge(state.root, base.dir, target.dir, ["yours", `template ${from}`, `template ${to}`], empty);
    let lockfiles: LockOutcome[] = [];
    if (!options.dryRun) {
      await applyMerge(state.root, plans, base.dir, target.dir);
      lockfiles = await refreshLockfiles(state.root, plans, base.dir, target.dir);
    }
    const conflicts = plans.filter((p) => p.action === "conflict").length;
    const report: UpdateReport = {
      from,
      to,
      sources: { base: base.kind, target: target.kind },
      dryRun: options.dryRun,
      files: plans.map((p) => ({ path: p.path, action: p.action, ...(p.reason ? { reason: p.reason } : {}) })),
      lockfiles,
      conflicts,
    };
    printReport(report, plans, io, options.json, base, target);
    return conflicts > 0 && !options.dryRun ? UPDATE_CONFLICTS_EXIT : 0;
  } finally {
    for (const dir of temps) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function printReport(report: UpdateReport, plans: readonly FilePlan[], io: UpdateIo, json: boolean, base: RenderedTree, target: RenderedTree) {
  if (json) {
    io.out(JSON.stringify(report, null, 2));
    return;
  }
  io.out(updateMessages.sources(base.kind, base.version, target.kind, target.version));
  for (const plan of plans) io.out(updateMessages.plan(plan));
  for (const lock of report.lockfiles) io.out(`  ${lock.status.padEnd(8)} ${lock.file}: ${lock.detail}`);
  io.out(updateMessages.summary(report.to, plans.length, report.conflicts, report.dryRun));
  if (report.conflicts > 0 && !report.dryRun) io.out(updateMessages.conflictHint);
}

/** `check-update`: compares the project's recorded version with this package's (run it as `@latest`). */
export async function runCheckUpdate(io: UpdateIo): Promise<number> {
  const state = await readProjectState(io.cwd);
  const from = state.file.generator.version;
  if (compareVersions(GENERATOR.version, from) <= 0) {
    io.out(updateMessages.current(from));
    return 0;
  }
  io.out(updateMessages.updateAvailable(from, GENERATOR.version));
  return UPDATE_AVAILABLE_EXIT;
}

/** Numeric compare of x.y.z (a pre-release sorts before its release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = "", pre] = v.split("-", 2);
    return { nums: core.split(".").map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
