import type { FailureCode } from "@ml-starter/schema";

export interface FailedRun {
  role: string;
  /** argv[0] as declared: uv's messages are only looked for in uv's output. */
  tool: string;
  exitCode: number | null;
  timedOut: boolean;
  interrupted: boolean;
  output: string;
  /** Failed/errored test cases from the JUnit file, when the step wrote one. */
  failedTests?: number;
}

/** uv's messages (crates/uv/src/commands/project/mod.rs, uv-client/src/error.rs) → report codes, first match wins. */
const UV_PATTERNS: ReadonlyArray<readonly [RegExp, FailureCode]> = [
  [/Required uv version|required version/i, "uv_version_mismatch"],
  [/Unable to find lockfile/i, "lock_missing"],
  [/needs to be updated, but `--(?:locked|check)` was provided/i, "lock_out_of_date"],
  [
    /Failed to parse `?uv\.lock`?|unsupported lock version|lockfile.*(?:newer|unknown) (?:version|schema)/i,
    "lock_unreadable",
  ],
  [
    /Network connectivity is disabled|Could not connect|error sending request|dns error|failed to lookup address|tcp connect error|Connection refused|Connection reset|operation timed out|timed out while|Request failed after \d+ retries/i,
    "network_unavailable",
  ],
];

/** Why a step failed, as a report code: timeouts and interrupts first, then uv's own messages, then pytest. */
export function classifyFailure(run: FailedRun): FailureCode {
  if (run.interrupted) return "interrupted";
  if (run.timedOut) return "step_timed_out";
  // Failing test cases mean pytest ran, so uv itself got past the lock and the network.
  if (run.role === "test" && (run.failedTests ?? 0) > 0) return "tests_failed";
  if (isUv(run.tool)) {
    const diagnostics = uvDiagnostics(run.output);
    for (const [pattern, code] of UV_PATTERNS) if (pattern.test(diagnostics)) return code;
  }
  if (run.role === "test" && run.exitCode === 1) return "tests_failed";
  return "step_failed";
}

/** uv's own diagnostics (`error:`, `cause:`, `Caused by:` lines), not what the program it ran printed. */
function uvDiagnostics(output: string): string {
  return output
    .split(/\r?\n/)
    .filter((line) => /^\s*(?:error|cause|caused by|\d+: )/i.test(line))
    .join("\n");
}

function isUv(tool: string): boolean {
  const base = tool.split(/[\\/]/).pop() ?? tool;
  return /^uvx?(\.exe)?$/i.test(base);
}

/** The most telling line of uv's output (its `error:` line, or the first `cause:`), for the failure message. */
export function keyErrorLine(output: string): string | undefined {
  const lines = output.split(/\r?\n/).map((l) => l.trim());
  const error = lines.find((l) => l.startsWith("error:"));
  const cause = lines.find(
    (l) => l.startsWith("cause:") && /Network|connect|dns|timed out/i.test(l),
  );
  return cause ?? error;
}
