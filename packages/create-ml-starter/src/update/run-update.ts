import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { UpdateReport } from "@ml-starter/schema";
import { MlStarterError } from "../core/errors.js";
import { GENERATOR } from "../core/generator-info.js";
import { applyMerge } from "./apply-merge.js";
import { refreshLockfiles, type LockOutcome } from "./lockfiles.js";
import { planMerge, type FilePlan, type MergeTrees } from "./merge-files.js";
import { migrateTree, pendingMigrations } from "./migrations.js";
import { updateMessages } from "./messages.js";
import { assertCleanTree, readProjectState, type ProjectState } from "./project-state.js";
import {
  checkoutCommit,
  firstCommitTree,
  renderFromRegistry,
  renderInstalled,
  type RenderedTree,
} from "./sources.js";
import { compareVersions } from "./versions.js";

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
    if (values.offline && values.to !== undefined) throw new Error(updateMessages.offlineTo);
    return { to: values.to, dryRun: values["dry-run"], json: values.json, offline: values.offline };
  } catch (error) {
    throw new MlStarterError("INVALID_OPTION", (error as Error).message, {
      hint: "usage: update [--to <version>] [--dry-run] [--json] [--offline]",
    });
  }
}

/** The base: the recorded version from the registry, or (offline, or when that fails) the first commit. */
async function baseTree(
  state: ProjectState,
  options: UpdateOptions,
  io: UpdateIo,
  temps: string[],
): Promise<RenderedTree> {
  const version = state.file.generator.version;
  if (options.offline) return firstCommitTree(state);
  try {
    return await renderFromRegistry(state, version, temps);
  } catch (error) {
    if (!(error instanceof MlStarterError && error.code === "UPDATE_SOURCE_UNAVAILABLE"))
      throw error;
    if (!options.json) io.out(updateMessages.registryFallback(version, error.message));
    return firstCommitTree(state);
  }
}

/** Renders both sides, migrates the base and a copy of the user's files alike, and plans the merge. */
async function prepare(state: ProjectState, options: UpdateOptions, io: UpdateIo, temps: string[]) {
  const from = state.file.generator.version;
  const to = options.to ?? GENERATOR.version;
  const target =
    options.to === undefined
      ? await renderInstalled(state, to)
      : await renderFromRegistry(state, to, temps);
  temps.push(path.dirname(target.dir));
  const base = await baseTree(state, options, io, temps);
  temps.push(path.dirname(base.dir));
  const oursDir = await checkoutCommit(state, "HEAD", "ours");
  temps.push(path.dirname(oursDir));
  const migrations = await pendingMigrations(from, to, target.packageRoot);
  for (const dir of [base.dir, oursDir]) await migrateTree(dir, migrations);
  const empty = path.join(path.dirname(oursDir), "empty");
  await writeFile(empty, "");
  const trees: MergeTrees = { oursDir, oldDir: base.dir, newDir: target.dir };
  const plans = await planMerge(trees, ["yours", `template ${from}`, `template ${to}`], empty);
  return { from, to, base, target, migrations, trees, plans };
}

/** `update`: render old and new with the project's answers, migrate, merge 3-way into the tree, relock. */
export async function runUpdate(argv: readonly string[], io: UpdateIo): Promise<number> {
  const options = parseUpdateArgs(argv);
  const state = await readProjectState(io.cwd);
  const from = state.file.generator.version;
  const to = options.to ?? GENERATOR.version;
  if (compareVersions(to, from) < 0) {
    throw new MlStarterError("INVALID_OPTION", updateMessages.downgrade(from, to), {
      hint: updateMessages.downgradeHint,
    });
  }
  if (compareVersions(to, from) === 0) {
    const report: UpdateReport = {
      from,
      to,
      upToDate: true,
      dryRun: options.dryRun,
      files: [],
      migrations: [],
      lockfiles: [],
      conflicts: 0,
    };
    io.out(options.json ? JSON.stringify(report, null, 2) : updateMessages.current(from));
    return 0;
  }
  await assertCleanTree(state.root);
  const temps: string[] = [];
  try {
    const { from, to, base, target, migrations, trees, plans } = await prepare(
      state,
      options,
      io,
      temps,
    );
    let lockfiles: LockOutcome[] = [];
    if (!options.dryRun) {
      await migrateTree(state.root, migrations);
      await applyMerge(state.root, plans, trees);
      lockfiles = await refreshLockfiles(state.root, plans, base.dir, target.dir);
    }
    const conflicts = plans.filter((p) => p.action === "conflict").length;
    const report: UpdateReport = {
      from,
      to,
      upToDate: false,
      sources: { base: base.kind, target: target.kind },
      dryRun: options.dryRun,
      files: plans.map((p) => ({
        path: p.path,
        action: p.action,
        ...(p.reason ? { reason: p.reason } : {}),
      })),
      migrations: migrations.map((m) => `${m.version}: ${m.description}`),
      lockfiles,
      conflicts,
    };
    printReport(report, plans, io, options.json, base, target);
    return conflicts > 0 && !options.dryRun ? UPDATE_CONFLICTS_EXIT : 0;
  } finally {
    for (const dir of temps) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function printReport(
  report: UpdateReport,
  plans: readonly FilePlan[],
  io: UpdateIo,
  json: boolean,
  base: RenderedTree,
  target: RenderedTree,
) {
  if (json) {
    io.out(JSON.stringify(report, null, 2));
    return;
  }
  io.out(updateMessages.sources(base.kind, base.version, target.kind, target.version));
  for (const migration of report.migrations) io.out(updateMessages.migrated(migration));
  for (const plan of plans) io.out(updateMessages.plan(plan));
  for (const lock of report.lockfiles)
    io.out(`  ${lock.status.padEnd(8)} ${lock.file}: ${lock.detail}`);
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
