import type { ToolRequirement } from "@ml-starter/schema";
import { VerifyError } from "../report/errors.js";
import { messages } from "../cli/messages.js";
import type { RunOptions, StepRunner } from "../run/step-runner.js";
import { parseVersion, satisfiesMin } from "./version.js";

export interface ToolInfo {
  /** Where the runner found it (absolute path on the host). */
  path: string;
  /** First line of `<tool> --version`, or null when that failed. */
  version: string | null;
}

const VERSION_TIMEOUT_MS = 60_000;

export interface ToolCheck {
  found: Map<string, ToolInfo>;
  /** The first required tool that is missing (`tool_missing`) or too old (`tool_too_old`), with its hint. */
  failure: VerifyError | undefined;
}

/**
 * Resolves and version-checks the plan's tools plus the fingerprinted ones (uv, git). Every tool is probed, so
 * the report is complete even when a required one is missing or older than `minVersion`.
 */
export async function checkTools(
  requirements: readonly ToolRequirement[],
  runner: StepRunner,
  opts: Omit<RunOptions, "timeoutMs">,
  probeAlso: readonly string[] = ["uv", "git"],
): Promise<ToolCheck> {
  const found = new Map<string, ToolInfo>();
  let failure: VerifyError | undefined;
  const fail = (error: VerifyError) => {
    failure ??= error;
  };
  const names = [...new Set([...requirements.map((r) => r.name), ...probeAlso])];
  for (const name of names) {
    const requirement = requirements.find((r) => r.name === name);
    const resolved = await runner.resolve(name);
    if (resolved === undefined) {
      if (requirement?.required)
        fail(new VerifyError("tool_missing", messages.toolMissing(name, requirement.hint)));
      continue;
    }
    const result = await runner.run([resolved, "--version"], {
      ...opts,
      timeoutMs: VERSION_TIMEOUT_MS,
    });
    const line = result.exitCode === 0 ? firstVersionLine(result.output) : null;
    found.set(name, { path: resolved, version: line });
    if (!requirement?.required) continue;
    if (line === null) {
      // e.g. a pyenv shim whose target is not installed: present on PATH, but not runnable.
      const why = result.output.trim().split("\n")[0] ?? "";
      fail(
        new VerifyError("tool_missing", messages.toolBroken(name, resolved, why, requirement.hint)),
      );
    } else if (!satisfiesMin(line, requirement.minVersion)) {
      fail(
        new VerifyError(
          "tool_too_old",
          messages.toolTooOld(name, line, requirement.minVersion, requirement.hint),
        ),
      );
    }
  }
  return { found, failure };
}

/** `uv 0.13.8 (x86_64-unknown-linux-gnu)`: the first line that holds a version number. */
export function firstVersionLine(output: string): string | null {
  const line = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => parseVersion(l) !== undefined);
  return line ?? null;
}
