import { VerifyError } from "../../report/errors.js";

// The verifier's failure codes container mode can end with. The lock codes come from the devcontainer's own
// `uv sync --locked` (onCreateCommand), which runs before any step: the same drift, named the same way.
export type ContainerErrorCode =
  | "docker_unavailable"
  | "container_failed"
  | "interrupted"
  | "lock_out_of_date"
  | "lock_missing"
  | "devcontainer_invalid";

/**
 * Why container mode could not run. A VerifyError, so the verifier turns it into `report.failure` as is.
 * `message` is one line for the report and the terminal (with the hint appended); `hint` alone says what to do;
 * `detail` carries the tail of the devcontainer CLI log (unredacted: redact before writing it anywhere).
 */
export class ContainerError extends VerifyError {
  declare readonly code: ContainerErrorCode;
  readonly hint: string | undefined;
  readonly detail: string | undefined;

  constructor(
    code: ContainerErrorCode,
    message: string,
    extra: { hint?: string; detail?: string; cause?: unknown } = {},
  ) {
    const line = message.split(/\r?\n/)[0] ?? message;
    super(
      code,
      extra.hint === undefined ? line : `${line}; ${extra.hint}`,
      extra.cause === undefined ? {} : { cause: extra.cause },
    );
    this.hint = extra.hint;
    this.detail = extra.detail;
  }
}

export function isContainerError(error: unknown): error is ContainerError {
  return error instanceof ContainerError;
}
