import { execa } from "execa";
import { killTree } from "../host/kill-tree.js";
import { OutputRing } from "../output-ring.js";

export interface TreeResult {
  /** null when the tree was killed (timeout, abort) or never started. */
  exitCode: number | null;
  timedOut: boolean;
  interrupted: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  all: string;
  /** Set when the command could not be started at all (e.g. ENOENT). */
  spawnError: string | undefined;
}

export interface TreeOptions {
  timeoutMs: number;
  env?: Readonly<Record<string, string | undefined>> | undefined;
  signal?: AbortSignal | undefined;
  /** Called once on timeout or abort, before the host process tree is killed (e.g. to kill inside a container). */
  onStop?: () => Promise<void>;
  /** Each stderr line as it arrives (progress logs). */
  onStderrLine?: ((line: string) => void) | undefined;
}

/**
 * Runs `file args` (an argv array, never a shell) in its own process group, with a timeout and an abort signal
 * that kill the whole tree. Never rejects for a failing command: the result says what happened.
 */
export async function runTree(
  file: string,
  args: readonly string[],
  options: TreeOptions,
): Promise<TreeResult> {
  const started = performance.now();
  const stopped = { timedOut: false, interrupted: false };
  if (options.signal?.aborted) {
    return {
      exitCode: null,
      timedOut: false,
      interrupted: true,
      durationMs: 0,
      stdout: "",
      stderr: "",
      all: "",
      spawnError: undefined,
    };
  }
  const child = execa(file, args, {
    reject: false,
    stdin: "ignore",
    windowsHide: true,
    // Its own process group on POSIX, so the CLI and the docker client it starts die together.
    detached: process.platform !== "win32",
    // Only the tail of each stream is kept (OutputRing): a step's output never grows memory without bound.
    buffer: false,
    ...(options.env !== undefined ? { env: options.env, extendEnv: false } : {}),
  });
  const rings = { stdout: new OutputRing(), stderr: new OutputRing(), all: new OutputRing() };
  child.stdout.on("data", (chunk: Buffer) => {
    rings.stdout.push(chunk);
    rings.all.push(chunk);
  });
  let stderrRest = "";
  const onLine = options.onStderrLine;
  child.stderr.on("data", (chunk: Buffer) => {
    rings.stderr.push(chunk);
    rings.all.push(chunk);
    if (onLine === undefined) return;
    const lines = (stderrRest + chunk.toString()).split(/\r?\n/);
    stderrRest = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  });
  let stopping: Promise<void> | undefined;
  const stop = (why: "timeout" | "abort") => {
    if (stopping !== undefined) return;
    if (why === "timeout") stopped.timedOut = true;
    else stopped.interrupted = true;
    stopping = (async () => {
      try {
        await options.onStop?.();
      } catch {
        // The host tree is killed regardless; onStop reports its own failures.
      } finally {
        if (child.pid !== undefined) await killTree(child.pid);
      }
    })();
  };
  const timer = setTimeout(() => stop("timeout"), options.timeoutMs);
  const onAbort = () => stop("abort");
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const result = await child;
    // Return only once the tree (and whatever onStop cleans up) is really gone.
    if (stopping !== undefined) await stopping;
    if (stderrRest !== "" && onLine !== undefined) onLine(stderrRest);
    const killed = stopped.timedOut || stopped.interrupted;
    const spawnError =
      !killed && result.failed && result.exitCode === undefined && result.signal === undefined
        ? result.shortMessage
        : undefined;
    return {
      exitCode: killed || typeof result.exitCode !== "number" ? null : result.exitCode,
      ...stopped,
      durationMs: Math.round(performance.now() - started),
      stdout: rings.stdout.text().replace(/\r?\n$/, ""),
      stderr: rings.stderr.text().replace(/\r?\n$/, ""),
      all: rings.all.text().replace(/\r?\n$/, ""),
      spawnError,
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}
