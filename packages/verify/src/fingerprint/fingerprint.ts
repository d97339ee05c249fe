import type { VerifyReport } from "@ml-starter/schema";
import { getEnv } from "@ml-starter/fs-utils";
import { parsePipList, type InstalledPackage } from "./installed-packages.js";
import { EXPLICIT_SECRET_NAMES } from "../run/redact.js";
import type { RunOptions, StepRunner } from "../run/step-runner.js";

type Python = NonNullable<VerifyReport["environment"]["python"]>;

const PROBE_MARKER = "@@ml-starter-probe@@";
const PROBE_SCRIPT = [
  "import json, platform, sys",
  `print(${JSON.stringify(PROBE_MARKER)} + json.dumps({"version": sys.version, "implementation": platform.python_implementation(), "machine": platform.machine(), "executable": sys.executable}))`,
].join("; ");
const PROBE_TIMEOUT_MS = 120_000;

/** `RUNNER_OS/RUNNER_ARCH/ImageOS` on GitHub Actions (e.g. `Linux/X64/ubuntu24`), else `local`. */
export function runnerLabel(env: Readonly<Record<string, string | undefined>>): string {
  if (getEnv(env, "GITHUB_ACTIONS") !== "true") return "local";
  const parts = ["RUNNER_OS", "RUNNER_ARCH", "ImageOS"]
    .map((k) => getEnv(env, k))
    .filter((v): v is string => !!v);
  return parts.length > 0 ? parts.join("/") : "github";
}

export const isTruthy = (value: string | undefined) =>
  value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());

/**
 * The variables the report records (values still raw; the caller redacts): `UV_*`, `PIP_*`, `PYTHON*`, and the
 * presence of well-known secrets. Never the whole environment.
 */
export function recordedVariables(env: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const upper = name.toUpperCase();
    const recorded =
      upper.startsWith("UV_") ||
      upper.startsWith("PIP_") ||
      upper.startsWith("PYTHON") ||
      (EXPLICIT_SECRET_NAMES as readonly string[]).includes(upper);
    if (recorded) out[name] = value;
  }
  return out;
}

/** Python as the project sees it (`uv run --locked python`), or null when it cannot be run. */
export async function probePython(
  runner: StepRunner,
  uv: string,
  opts: Omit<RunOptions, "timeoutMs">,
): Promise<(Python & { executable: string }) | null> {
  const result = await runner.run([uv, "run", "--locked", "python", "-c", PROBE_SCRIPT], {
    ...opts,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  if (result.exitCode !== 0) return null;
  const line = result.output.split(/\r?\n/).find((l) => l.startsWith(PROBE_MARKER));
  if (line === undefined) return null;
  try {
    const data = JSON.parse(line.slice(PROBE_MARKER.length)) as Record<string, unknown>;
    const [version, implementation, machine, executable] = [
      "version",
      "implementation",
      "machine",
      "executable",
    ].map((k) => (typeof data[k] === "string" ? data[k] : undefined));
    if (!version || !implementation || machine === undefined || !executable) return null;
    return { version, implementation, machine, executable };
  } catch {
    return null;
  }
}

/** The distributions installed in the project environment after `uv sync --locked`. */
export async function probeInstalled(
  runner: StepRunner,
  uv: string,
  python: string,
  opts: Omit<RunOptions, "timeoutMs">,
): Promise<InstalledPackage[] | null> {
  const result = await runner.run([uv, "pip", "list", "--format", "json", "--python", python], {
    ...opts,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  if (result.exitCode !== 0) return null;
  return parsePipList(result.output) ?? null;
}
