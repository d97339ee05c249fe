import type { FailureCode, VerifyReport } from "@ml-starter/schema";

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_ENVIRONMENT = 3;
export const EXIT_CHECK_FAILED = 4;
export const EXIT_TIMEOUT = 124;
export const EXIT_INTERRUPTED = 130;

/** One exit code per failure code: 3 environment/tool, 4 check failed, 124 timeout, 130 interrupted. */
export const EXIT_CODES: Record<FailureCode, number> = {
  project_file_missing: EXIT_ENVIRONMENT,
  project_file_invalid: EXIT_ENVIRONMENT,
  tool_missing: EXIT_ENVIRONMENT,
  tool_too_old: EXIT_ENVIRONMENT,
  uv_version_mismatch: EXIT_ENVIRONMENT,
  network_unavailable: EXIT_ENVIRONMENT,
  docker_unavailable: EXIT_ENVIRONMENT,
  container_failed: EXIT_ENVIRONMENT,
  lock_missing: EXIT_CHECK_FAILED,
  lock_out_of_date: EXIT_CHECK_FAILED,
  lock_unreadable: EXIT_CHECK_FAILED,
  step_failed: EXIT_CHECK_FAILED,
  tests_failed: EXIT_CHECK_FAILED,
  output_missing: EXIT_CHECK_FAILED,
  metrics_invalid: EXIT_CHECK_FAILED,
  margin_failed: EXIT_CHECK_FAILED,
  devcontainer_invalid: EXIT_CHECK_FAILED,
  input_refused: EXIT_CHECK_FAILED,
  step_timed_out: EXIT_TIMEOUT,
  interrupted: EXIT_INTERRUPTED,
};

/** `error` when the environment stopped us (exit 3 or 130), `failure` when a check failed (4, 124). */
export function outcomeFor(code: FailureCode): "failure" | "error" {
  const exit = EXIT_CODES[code];
  return exit === EXIT_ENVIRONMENT || exit === EXIT_INTERRUPTED ? "error" : "failure";
}

/** The process exit code is derived from the report alone. */
export function exitCodeFor(report: Pick<VerifyReport, "outcome" | "failure">): number {
  if (report.outcome === "success" || report.failure === null) return EXIT_OK;
  return EXIT_CODES[report.failure.code];
}
