import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Readable } from "node:stream";
import { execa } from "execa";
import { killTree } from "./kill-tree.js";
import { resolveTool } from "@ml-starter/fs-utils";
import { killLeftovers, STEP_MARKER } from "./leftover-processes.js";
import { OutputRing } from "../output-ring.js";
import type { RawStepResult, RunOptions, StepRunner } from "../step-runner.js";

export interface HostRunnerOptions {
  /** The child environment; its PATH (and PATHEXT) is where tools are resolved. */
  env: Record<string, string>;
  platform?: NodeJS.Platform;
  /** After a kill, how long to wait for the output pipes to close before giving up on them. */
  pipeGraceMs?: number;
  /** How many bytes of each command's output are kept (its tail); default OUTPUT_RING_BYTES. */
  outputBytes?: number;
}

/** Runs commands on this machine with execa: argv arrays (never a shell), whole-tree kill on timeout or abort. */
export function createHostRunner(options: HostRunnerOptions): StepRunner {
  const platform = options.platform ?? process.platform;
  const grace = options.pipeGraceMs ?? 5000;
  return {
    where: "host",
    resolve: (tool) => Promise.resolve(resolveTool(tool, { env: options.env, platform })),
    run: (argv, opts) => runOnHost(argv, opts, platform, grace, options.outputBytes),
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
  outputBytes: number | undefined,
): Promise<RawStepResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError("empty argv");
  const started = performance.now();
  if (opts.signal?.aborted)
    return { exitCode: null, timedOut: false, durationMs: 0, output: "", interrupted: true };
  // Everything the step starts inherits this marker, so what it leaves behind can be found when it ends.
  const marker = randomUUID();
  const subprocess = execa(file, args, {
    cwd: opts.cwd,
    env: { ...opts.env, [STEP_MARKER]: marker },
    extendEnv: false,
    reject: false,
    stdin: "ignore",
    stripFinalNewline: false,
    windowsHide: true,
    // Its own process group on POSIX, so the whole tree can be killed at once.
    detached: platform !== "win32",
    cleanup: true,
    // Not buffered by execa: a step printing hundreds of MB keeps only its tail here, and its real exit code.
    buffer: false,
  });
  const ring = new OutputRing(outputBytes);
  subprocess.stdout.on("data", (chunk: Buffer) => ring.push(chunk));
  subprocess.stderr.on("data", (chunk: Buffer) => ring.push(chunk));
  let timedOut = false;
  let interrupted = false;
  const pid = subprocess.pid;
  const cleanups: Array<Promise<unknown>> = [];
  const killAll = () => {
    if (pid === undefined) return;
    cleanups.push(killTree(pid, platform).then(() => killLeftovers(pid, marker, platform)));
  };
  const kill = (why: "timeout" | "abort") => {
    if (why === "timeout") timedOut = true;
    else interrupted = true;
    killAll();
    releasePipesLater(subprocess, graceMs);
  };
  const timer = setTimeout(() => kill("timeout"), opts.timeoutMs);
  const onAbort = () => kill("abort");
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  // When the direct child exits, what it left behind (its group, setsid daemons carrying the marker) is ended
  // too: it would outlive the run, and may hold the pipes open.
  subprocess.once("exit", () => {
    if (platform !== "win32") killAll();
  });
  try {
    const result = await subprocess;
    await Promise.all(cleanups);
    const killed = timedOut || interrupted;
    return {
      exitCode: killed || typeof result.exitCode !== "number" ? null : result.exitCode,
      timedOut,
      durationMs: Math.round(performance.now() - started),
      output: outputOf(ring.text(), result),
      ...(interrupted ? { interrupted: true } : {}),
    };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onAbort);
  }
}

/** A spawn failure (ENOENT, EACCES) has no output: use execa's message so the report says why. */
function outputOf(
  text: string,
  result: { failed: boolean; exitCode?: number | undefined; originalMessage?: string | undefined },
): string {
  if (text === "" && result.failed && result.exitCode === undefined && result.originalMessage) {
    return result.originalMessage;
  }
  return text;
}

/** A grandchild that escaped the kill (setsid) may keep our pipes open forever: stop waiting for them. */
interface Pipes {
  stdout: Readable | null;
  stderr: Readable | null;
}

function releasePipesLater(subprocess: Pipes, graceMs: number): void {
  const timer = setTimeout(() => {
    subprocess.stdout?.destroy();
    subprocess.stderr?.destroy();
  }, graceMs);
  timer.unref();
}
