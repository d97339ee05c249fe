import { rm } from "node:fs/promises";
import path from "node:path";
import {
  STEP_TOKENS,
  type FailureCode,
  type StepResult,
  type TestSummary,
  type VerifyStep,
} from "@ml-starter/schema";
import { classifyFailure, keyErrorLine } from "./classify-failure.js";
import { parseJunit } from "../check/junit.js";
import { messages } from "../cli/messages.js";
import { outputTail } from "./output-tail.js";
import type { Redactor } from "./redact.js";
import { readRegularText } from "../read/safe-read.js";
import type { RawStepResult, StepRunner } from "./step-runner.js";

export interface StepContext {
  runner: StepRunner;
  /** The project directory on the host, and as the runner sees it. */
  dir: { host: string; runner: string };
  /** The scratch directory (outside the project) on the host, and as the runner sees it. */
  scratch: { host: string; runner: string };
  env: Record<string, string>;
  importName: string | undefined;
  redactor: Redactor;
  signal?: AbortSignal | undefined;
  /** Tools already resolved by checkTools (name → path). */
  resolved: ReadonlyMap<string, string>;
  /** Keep the output tail of passing steps too (makes reports differ between runs; for debugging). */
  keepPassedOutput?: boolean;
}

export interface StepOutcome {
  result: StepResult;
  failure: { code: FailureCode; message: string } | null;
  tests: TestSummary | null;
}

/** Runs one manifest step through the runner and turns what happened into a report step (and a failure, if any). */
export async function runStep(step: VerifyStep, ctx: StepContext): Promise<StepOutcome> {
  const junitName = `junit-${step.id}.xml`;
  const declared = step.run.map((arg) => fillPackage(arg, ctx.importName));
  const command = declared.map((arg) => ctx.redactor.text(arg));
  const base = { id: step.id, role: step.role, command, where: ctx.runner.where };
  const [tool, ...args] = declared.map((arg) =>
    arg.split(STEP_TOKENS.junitXml).join(joinRunnerPath(ctx, junitName)),
  );
  const toolPath = ctx.resolved.get(tool as string) ?? (await ctx.runner.resolve(tool as string));
  if (toolPath === undefined) {
    const cause = {
      code: "tool_missing" as const,
      message: messages.stepToolMissing(tool as string, step.id),
    };
    return {
      result: {
        ...base,
        status: "failed",
        exitCode: null,
        timedOut: false,
        durationMs: 0,
        outputTail: "",
        cause,
      },
      failure: cause,
      tests: null,
    };
  }
  const junitHost = path.join(ctx.scratch.host, junitName);
  await rm(junitHost, { force: true });
  const raw = await ctx.runner.run([toolPath, ...args], {
    cwd: ctx.dir.runner,
    env: ctx.env,
    timeoutMs: step.timeoutMs,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const tests = step.run.some((a) => a.includes(STEP_TOKENS.junitXml))
    ? await readJunit(junitHost)
    : null;
  const cause = failureOf(step, tool as string, command.join(" "), raw, tests);
  // Only a step that did not pass keeps its output: uv's log of a passing step depends on what was already
  // installed (the first run creates .venv), and two runs must give identical reports.
  const tail =
    cause === null && !ctx.keepPassedOutput
      ? ""
      : outputTail(raw.output, {
          redact: ctx.redactor.text,
          paths: [
            [ctx.scratch.host, "<scratch>"],
            [ctx.scratch.runner, "<scratch>"],
            [ctx.dir.host, "<project>"],
            [ctx.dir.runner, "<project>"],
          ],
        });
  const status = raw.timedOut
    ? "timed-out"
    : raw.exitCode === 0 && !raw.interrupted
      ? "passed"
      : "failed";
  return {
    result: {
      ...base,
      status,
      exitCode: raw.exitCode,
      timedOut: raw.timedOut,
      durationMs: Math.max(0, Math.round(raw.durationMs)),
      outputTail: tail,
      cause,
    },
    failure: cause,
    tests,
  };
}

/** A step that never ran (an earlier one failed, or a tool was missing). */
export function notRunStep(
  step: VerifyStep,
  ctx: { where: StepRunner["where"]; importName: string | undefined; redactor: Redactor },
): StepResult {
  return {
    id: step.id,
    role: step.role,
    command: step.run.map((arg) => ctx.redactor.text(fillPackage(arg, ctx.importName))),
    where: ctx.where,
    status: "not-run",
    exitCode: null,
    timedOut: false,
    durationMs: 0,
    outputTail: "",
    cause: null,
  };
}

// --- internal ---

/** `{package}` → the import name, as the generator fills it into each step argument. */
export function fillPackage(arg: string, importName: string | undefined): string {
  return importName === undefined ? arg : arg.split(STEP_TOKENS.package).join(importName);
}

function joinRunnerPath(ctx: StepContext, name: string): string {
  const sep = ctx.scratch.runner.includes("\\") && !ctx.scratch.runner.includes("/") ? "\\" : "/";
  return ctx.scratch.runner.replace(/[\\/]+$/, "") + sep + name;
}

async function readJunit(file: string): Promise<TestSummary | null> {
  try {
    const text = await readRegularText(file, { label: path.basename(file) });
    return text === null ? null : parseJunit(text);
  } catch {
    return null;
  }
}

function failureOf(
  step: VerifyStep,
  tool: string,
  command: string,
  raw: RawStepResult,
  tests: TestSummary | null,
): { code: FailureCode; message: string } | null {
  if (raw.exitCode === 0 && !raw.timedOut && !raw.interrupted) return null;
  const failedTests = tests ? tests.failed + tests.errors : 0;
  const code = classifyFailure({
    role: step.role,
    tool,
    exitCode: raw.exitCode,
    timedOut: raw.timedOut,
    interrupted: raw.interrupted === true,
    output: raw.output,
    failedTests,
  });
  const line = keyErrorLine(raw.output);
  const m = messages.stepFailure;
  const detail = ((): string => {
    switch (code) {
      case "uv_version_mismatch":
        return m.uv_version_mismatch(line ?? "uv refused to run");
      case "lock_missing":
        return m.lock_missing();
      case "lock_out_of_date":
        return m.lock_out_of_date();
      case "lock_unreadable":
        return m.lock_unreadable(line ?? "parse error");
      case "network_unavailable":
        return m.network_unavailable(line ?? "network error");
      case "tests_failed":
        return tests && failedTests > 0
          ? m.tests_failed(
              failedTests,
              tests.total,
              tests.cases
                .filter((c) => c.outcome === "failed" || c.outcome === "error")
                .slice(0, 3)
                .map((c) => c.id),
            )
          : m.testsFailedNoJunit(raw.exitCode);
      case "step_timed_out":
        return m.step_timed_out(Math.round(step.timeoutMs / 1000));
      case "interrupted":
        return m.interrupted();
      default:
        return m.step_failed(raw.exitCode, line);
    }
  })();
  return { code, message: messages.stepPrefix(step.id, command) + detail };
}
