import { closeSync, openSync, readFileSync } from "node:fs";
import { spawn } from "node:child_process";

/**
 * Starts a long-running daemon detached from this process (its own session, output appended to `logFile`) and
 * lets this process exit without waiting for it. The daemon deliberately outlives the test run: later runs reuse it.
 */
export function startDetached(file: string, args: readonly string[], logFile: string): void {
  const fd = openSync(logFile, "a");
  try {
    // node's spawn, not execa: a fire-and-forget daemon needs no result promise, and it writes straight to the
    // log file descriptor (execa's types only accept descriptors 3-9). Still an argv array, never a shell string.
    const child = spawn(file, args, { detached: true, stdio: ["ignore", fd, fd] });
    child.on("error", () => undefined); // e.g. EACCES: the caller's readiness probe reports the failure.
    child.unref();
  } finally {
    closeSync(fd);
  }
}

/** The last `lines` lines of a log file, for a one-line failure reason. */
export function logTail(file: string, lines = 5): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join(" | ");
  } catch {
    return "(no log)";
  }
}

export async function waitFor(
  probe: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 500,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
