import { mkdtemp, realpath, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  VerifyReportSchema,
  type ProjectFile,
  type StepResult,
  type VerifyReport,
  type VerifyStep,
} from "@ml-starter/schema";
import { checkResults } from "./check/check-results.js";
import { isVerifyError } from "./report/errors.js";
import { buildChildEnv } from "./run/fixed-env.js";
import { probeInstalled, probePython } from "./fingerprint/fingerprint.js";
import { createHostRunner } from "./run/host/host-runner.js";
import { loadProjectFile } from "./read/load-project-file.js";
import { planWarnings } from "./read/plan-check.js";
import { messages } from "./cli/messages.js";
import { describeProject, recordStatic } from "./fingerprint/record-static.js";
import { runRedactor } from "./run/credential-files.js";
import type { Redactor } from "./run/redact.js";
import { emptyReport, setFailure } from "./report/report-draft.js";
import { notRunStep, runStep, type StepContext } from "./run/run-step.js";
import { sourceFingerprint, stepDataset } from "./check/step-data.js";
import type { StepRunner } from "./run/step-runner.js";
import { checkTools, type ToolInfo } from "./fingerprint/tools.js";

export type ProgressEvent =
  | { type: "step-start"; id: string; command: readonly string[]; index: number; total: number }
  | { type: "step-end"; result: StepResult; index: number; total: number }
  | { type: "warning"; message: string };

export interface VerifyOptions {
  /** Runs every command; default: a host runner. A runner passed here is not disposed by verifyProject. */
  runner?: StepRunner;
  /** Creates the runner once the child environment is known (container mode); it is disposed at the end. */
  createRunner?: (ctx: {
    dir: string;
    env: Record<string, string>;
    signal?: AbortSignal;
  }) => Promise<StepRunner>;
  mode?: "host" | "container";
  /** The environment to start from (default `process.env`); secrets found in it are redacted everywhere. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Aborting kills the running step's process tree; the report then says `interrupted`. */
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Keep the output tail of passing steps too. Off by default: uv's log of a passing step depends on what was
   * already installed, and two runs on one machine must give identical reports apart from durations.
   */
  keepPassedOutput?: boolean;
  /**
   * The user trusts the project: no warning when the plan differs from its template's (host mode), and
   * container mode's host-side devcontainer settings are allowed (passed on by the caller's createRunner).
   */
  trust?: boolean;
  /** The run's one redactor (the CLI passes the one it prints with); default: built from `env`. */
  redactor?: Redactor;
}

/**
 * Runs a generated project's verification plan (from its ml-starter.json) and returns the report: environment
 * fingerprint, input hashes, installed set, per-step results, tests, metrics, output hashes, margins, static
 * devcontainer findings and the outcome. Never throws for a failing project: the reason is in `report.failure`.
 */
export async function verifyProject(
  dir: string,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const root = await realpath(path.resolve(dir)).catch(() => path.resolve(dir));
  const baseEnv = options.env ?? process.env;
  const env = buildChildEnv(baseEnv);
  const redactor = options.redactor ?? (await runRedactor(baseEnv));
  const signal = options.signal;
  const report = emptyReport(options.mode ?? options.runner?.where ?? "host");
  const project = await loadProjectFile(root);
  const plan = project.ok ? project.value.verify : undefined;
  if (project.ok) describeProject(report, project.value);
  else setFailure(report, project.code, project.message);
  // Host mode runs the plan's argv as is: say so when it is not the plan the template shipped.
  if (project.ok && options.trust !== true && report.mode === "host") {
    report.warnings = planWarnings(project.value);
    for (const message of report.warnings)
      options.onProgress?.({ type: "warning", message: redactor.text(message) });
  }

  await recordStatic(report, root, env, redactor);

  let ownedRunner: StepRunner | undefined;
  let runner = options.runner;
  // Container mode starts Docker: not worth it when there is no valid plan to run.
  if (runner === undefined && (project.ok || options.createRunner === undefined)) {
    try {
      ownedRunner = options.createRunner
        ? await options.createRunner({ dir: root, env, ...(signal ? { signal } : {}) })
        : createHostRunner({ env });
      runner = ownedRunner;
    } catch (error) {
      if (isVerifyError(error)) setFailure(report, error.code, error.message);
      else setFailure(report, "container_failed", messages.containerUnavailable(errorText(error)));
    }
  }
  const importName = project.ok ? project.value.answers.importName : undefined;
  let scratch: { host: string; runner: string; owned: boolean } | undefined;
  try {
    Object.assign(report.environment, {
      os: process.platform,
      osRelease: os.release(),
      arch: process.arch,
    });
    if (runner) {
      report.mode = options.mode ?? runner.where;
      if (runner.platform) {
        const { os: osName, osRelease, arch } = await runner.platform();
        Object.assign(report.environment, { os: osName, osRelease, arch });
      }
      scratch = runner.scratchDir
        ? { ...(await runner.scratchDir()), owned: false }
        : await ownScratch();
      await runPlan(report, {
        plan,
        project: project.ok ? project.value : undefined,
        root,
        runner,
        env,
        redactor,
        signal,
        scratch,
        onProgress: options.onProgress,
        keepPassedOutput: options.keepPassedOutput === true,
      });
    }
  } catch (error) {
    // A runner that breaks outside a step (container gone while probing): say so, keep the report complete.
    if (isVerifyError(error)) setFailure(report, error.code, error.message);
    else if (runner?.where === "container")
      setFailure(report, "container_failed", errorText(error));
    else throw error;
  } finally {
    if (scratch?.owned) await rm(scratch.host, { recursive: true, force: true, maxRetries: 3 });
    // Cleanup trouble (a container that will not go away) must not cost the report; the runner logs it.
    if (ownedRunner) await ownedRunner.dispose().catch(() => undefined);
  }
  const done = new Set(report.steps.map((s) => s.id));
  for (const step of plan?.steps ?? []) {
    if (!done.has(step.id))
      report.steps.push(notRunStep(step, { where: report.mode, importName, redactor }));
  }
  return VerifyReportSchema.parse(redactor.deep(report));
}

// --- internal ---

interface PlanContext {
  plan: ProjectFile["verify"] | undefined;
  project: ProjectFile | undefined;
  root: string;
  runner: StepRunner;
  env: Record<string, string>;
  redactor: Redactor;
  signal: AbortSignal | undefined;
  scratch: { host: string; runner: string };
  onProgress: VerifyOptions["onProgress"];
  keepPassedOutput: boolean;
}

async function runPlan(report: VerifyReport, ctx: PlanContext): Promise<void> {
  const { runner, env, redactor, signal } = ctx;
  const runOpts = { cwd: runner.projectDir ?? ctx.root, env, ...(signal ? { signal } : {}) };
  const steps = ctx.plan?.steps ?? [];
  const importName = ctx.project?.answers.importName;
  const checked = await checkTools(ctx.plan?.tools ?? [], runner, runOpts);
  const tools = checked.found;
  if (checked.failure) setFailure(report, checked.failure.code, checked.failure.message);
  report.environment.uv = tools.get("uv")?.version ?? null;
  report.environment.git = tools.get("git")?.version ?? null;
  const stepCtx: StepContext & { where: StepRunner["where"] } = {
    where: runner.where,
    runner,
    dir: { host: ctx.root, runner: runner.projectDir ?? ctx.root },
    scratch: ctx.scratch,
    env,
    importName,
    redactor,
    signal,
    resolved: new Map([...tools].map(([name, info]) => [name, info.path])),
    keepPassedOutput: ctx.keepPassedOutput,
  };
  let index = 0;
  for (const step of steps) {
    index++;
    if (report.failure !== null) {
      report.steps.push(notRunStep(step, stepCtx));
      continue;
    }
    if (signal?.aborted) {
      setFailure(report, "interrupted", messages.interruptedBeforeStep(step.id), step.id);
      report.steps.push(notRunStep(step, stepCtx));
      continue;
    }
    ctx.onProgress?.({
      type: "step-start",
      id: step.id,
      command: notRunStep(step, stepCtx).command,
      index,
      total: steps.length,
    });
    const source = await sourceFingerprint(ctx.root);
    const outcome = await runStepSafely(step, stepCtx);
    const passed = outcome.result.status === "passed";
    outcome.result.data = {
      dataset: await stepDataset(step, ctx.root, ctx.plan?.metrics.file, passed),
      source,
    };
    report.steps.push(outcome.result);
    if (outcome.tests) report.tests = outcome.tests;
    ctx.onProgress?.({
      type: "step-end",
      result: redactor.deep(outcome.result),
      index,
      total: steps.length,
    });
    if (outcome.failure) setFailure(report, outcome.failure.code, outcome.failure.message, step.id);
    else if (step.role === "sync") await fingerprintEnvironment(report, runner, tools, runOpts);
  }
  if (ctx.plan && report.failure === null) await checkResults(report, ctx.root, ctx.plan);
  if (report.failure === null && report.devcontainer.length > 0) {
    setFailure(
      report,
      "devcontainer_invalid",
      messages.devcontainerInvalid(
        report.devcontainer.length,
        report.devcontainer[0] as VerifyReport["devcontainer"][number],
      ),
    );
  }
}

/** A runner that throws (container gone, spawn refused) fails the step instead of the whole verifier. */
async function runStepSafely(step: VerifyStep, ctx: StepContext) {
  try {
    return await runStep(step, ctx);
  } catch (error) {
    const fallback =
      ctx.runner.where === "container" ? ("container_failed" as const) : ("step_failed" as const);
    const code = isVerifyError(error) ? error.code : fallback;
    const cause = { code, message: `step "${step.id}": ${errorText(error)}` };
    const result = {
      ...notRunStep(step, { ...ctx, where: ctx.runner.where }),
      status: "failed" as const,
      cause,
    };
    return { result, failure: cause, tests: null };
  }
}

/** After `uv sync --locked`: the interpreter and the installed distribution set. */
async function fingerprintEnvironment(
  report: VerifyReport,
  runner: StepRunner,
  tools: ReadonlyMap<string, ToolInfo>,
  runOpts: { cwd: string; env: Record<string, string>; signal?: AbortSignal },
): Promise<void> {
  const uv = tools.get("uv")?.path;
  if (uv === undefined) return;
  // A sync that passed but left no usable environment must not be recorded as success.
  const fail = (what: string) => {
    if (runOpts.signal?.aborted)
      setFailure(report, "interrupted", messages.interruptedBeforeStep("(fingerprint)"));
    else setFailure(report, "step_failed", messages.fingerprintFailed(what));
  };
  const python = await probePython(runner, uv, runOpts);
  if (python === null) return fail("`uv run --locked python` (sys.version, platform.machine())");
  report.environment.python = {
    version: python.version,
    implementation: python.implementation,
    machine: python.machine,
  };
  const installed = await probeInstalled(runner, uv, python.executable, runOpts);
  if (installed === null) return fail("`uv pip list --format json`");
  report.installed = installed;
}

async function ownScratch(): Promise<{ host: string; runner: string; owned: boolean }> {
  const host = await realpath(await mkdtemp(path.join(os.tmpdir(), "ml-starter-verify-")));
  return { host, runner: host, owned: true };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
