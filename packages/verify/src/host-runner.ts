import os from "node:os";
import type { Readable } from "node:stream";
import { execa } from "execa";
import { killTree } from "./kill-tree.js";
import { resolveTool } from "@ml-starter/fs-utils";
import type { RawStepResult, RunOptions, StepRunner } from "./step-runner.js";

export interface HostRunnerOptions {
  /** The child environment; its PATH (and PATHEXT) is where tools are resolved. */
  env: Record<string, string>;
  platform?: NodeJS.Platform;
  /** After a kill, how long to wait for the output pipes to close before giving up on them. */
  pipeGraceMs?: number;
}

/** Runs commands on this machine with execa: argv arrays (never a shell), whole-tree kill on timeout or abort. */
export function createHostRunner(options: HostRunnerOptions): StepRunner {
  const platform = options.platform ?? process.platform;
  const grace = options.pipeGraceMs ?? 5000;
  return {
    where: "host",
    resolve: (tool) => Promise.resolve(resolveTool(tool, { env: options.env, platform })),
    run: (argv, opts) => runOnHost(argv, opts, platform, grace),
    dispose: () => Promise.resolve(),
    platform: () =>
      Promise.resolve({ os: process.platform, osRelease: os.release(), arch: process.arch }),
  };
}

// --- internal ---

async function runOnHost(
  argv: readonly string[],
  opts: RunOptions,
  platform: NodeJS.Platform,
  graceMs: number,
): Promise<RawStepResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError("empty argv");
  const started = performance.now();
  if (opts.signal?.aborted)
    return { exitCode: null, timedOut: false, durationMs: 0, output: "", interrupted: true };
  const subprocess = execa(file, args, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    reject: false,
    all: true,
    stdin: "ignore",
    encoding: "utf8",
    stripFinalNewline: false,
    windowsHide: true,
    // Its own process group on POSIX, so the whole tree can be killed at once.
    detached: platform !== "win32",
    cleanup: true,
    maxBuffer: 256 * 1024 * 1024,
  });
  let timedOut = false;
  let interrupted = false;
  const pid = subprocess.pid;
  const kill = (why: "timeout" | "abort") => {
    if (why === "timeout") timedOut = true;
    else interrupted = true;
    if (pid !== undefined) void killTree(pid, platform);
    releasePipesLater(subprocess, graceMs);
  };
  const timer = setTimeout(() => kill("timeout"), opts.timeoutMs);
  const onAbort = () => kill("abort");
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  // When the direct child exits, stragglers it left in its group would hold the pipes open: end them too.
  subprocess.once("exit", () => {
    if (pid !== undefined && platform !== "win32") void killTree(pid, platform);
  });
  try {
    const result = await subprocess;
    const killed = timedOut || interrupted;
    return {
      exitCode: killed || typeof result.exitCode !== "number" ? null : result.exitCode,
      timedOut,
      durationMs: Math.round(performance.now() - started),
      output: outputOf(result.all, result),
      ...(interrupted ? { interrupted: true } : {}),
    };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onAbort);
  }
}

/** A spawn failure (ENOENT, EACCES) has no output: use execa's message so the report says why. */
function outputOf(
  all: unknown,
  result: { failed: boolean; exitCode?: number | undefined; originalMessage?: string | undefined },
): string {
  const text = typeof all === "string" ? all : "";
  if (text === "" && result.failed && result.exitCode === undefined && result.originalMessage) {
    return result.originalMessage;
  }
  return text;
}

/** A grandchild that escaped the kill (setsid) may keep our pipes open forever: stop waiting for them. */
interface Pipes {
  stdout: Readable | null;
  stderr: Readable | null;
  all?: Readable | undefined;
}

function releasePipesLater(subprocess: Pipes, graceMs: number): void {
  const timer = setTimeout(() => {
    subprocess.stdout?.destroy();
    subprocess.stderr?.destroy();
    subprocess.all?.destroy();
  }, graceMs);
  timer.unref();
}
