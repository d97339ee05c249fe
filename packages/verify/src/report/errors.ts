import type { FailureCode } from "@ml-starter/schema";

/** A failure with a report code; thrown inside the verifier and turned into `report.failure` (or an exit code). */
export class VerifyError extends Error {
  override readonly name = "VerifyError";
  readonly code: FailureCode;

  constructor(code: FailureCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

export function isVerifyError(value: unknown): value is VerifyError {
  return value instanceof VerifyError;
}

/** A CLI usage mistake (exit 2): unknown flag, missing argument, unreadable compare input. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
