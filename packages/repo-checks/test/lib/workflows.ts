import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { SHARED_GITHUB_DIR, WORKFLOWS_DIR } from "./paths.js";

/** The runner images we allow: pinned labels only (never `*-latest`, which moves). */
export const PINNED_RUNNERS = ["ubuntu-24.04", "macos-15", "windows-2025"] as const;

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  shell?: string;
  "working-directory"?: string;
}

export interface Job {
  name?: string;
  "runs-on"?: unknown;
  "timeout-minutes"?: unknown;
  needs?: string | string[];
  if?: string;
  permissions?: unknown;
  strategy?: { matrix?: Record<string, unknown>; "fail-fast"?: boolean };
  env?: Record<string, unknown>;
  outputs?: Record<string, string>;
  steps?: Step[];
  uses?: string;
}

export interface Workflow {
  name?: string;
  on?: unknown;
  permissions?: unknown;
  concurrency?: unknown;
  defaults?: unknown;
  env?: Record<string, unknown>;
  jobs: Record<string, Job>;
}

export interface WorkflowFile {
  /** Path relative to the repo root, POSIX. */
  label: string;
  file: string;
  text: string;
  workflow: Workflow;
}

export function loadWorkflow(file: string, label = file): WorkflowFile {
  const text = readFileSync(file, "utf8");
  const workflow = parse(text) as Workflow;
  if (typeof workflow !== "object" || workflow === null || typeof workflow.jobs !== "object") {
    throw new Error(`${label}: not a workflow (no jobs)`);
  }
  return { label, file, text, workflow };
}

const ymlIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));

/** The monorepo's own workflows. */
export const monorepoWorkflowFiles = () => ymlIn(WORKFLOWS_DIR);
/** The generated projects' workflows, as stored in templates/_shared/_github/workflows. */
export const templateWorkflowFiles = () => ymlIn(path.join(SHARED_GITHUB_DIR, "workflows"));

/** The `on:` triggers as a list of event names. */
export function triggers(workflow: Workflow): string[] {
  const on = workflow.on;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  if (on && typeof on === "object") return Object.keys(on);
  return [];
}

/** The runner labels a job can land on: its `runs-on`, expanded through `matrix.os` when used. */
export function runnerLabels(job: Job): unknown[] {
  const runsOn = job["runs-on"];
  if (typeof runsOn === "string" && /^\$\{\{\s*matrix\.os\s*\}\}$/.test(runsOn)) {
    const os: unknown = job.strategy?.matrix?.["os"];
    const include = job.strategy?.matrix?.["include"];
    const extra = Array.isArray(include)
      ? include.map((i) => (i as Record<string, unknown>)["os"]).filter((v) => v !== undefined)
      : [];
    return [...(Array.isArray(os) ? (os as unknown[]) : [os]), ...extra];
  }
  return [runsOn];
}

export const stepsOf = (job: Job): Step[] => job.steps ?? [];
export const allSteps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap(stepsOf);
