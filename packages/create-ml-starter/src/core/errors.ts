/** Error codes of create-ml-starter; each maps to one exit code (see EXIT_CODES and README). */
export type CreateErrorCode =
  | "INVALID_NAME"
  | "INVALID_OPTION"
  | "UNKNOWN_ARCHETYPE"
  | "UNKNOWN_COMPETITION"
  | "INVALID_DATA"
  | "AMBIGUOUS_DATA"
  | "INVALID_IMAGE"
  | "TARGET_NOT_EMPTY"
  | "TARGET_IS_FILE"
  | "TARGET_BUSY"
  | "PATH_TOO_LONG"
  | "PERMISSION_DENIED"
  | "DISK_ERROR"
  | "FORBIDDEN_PATH"
  | "TEMPLATE_INVALID"
  | "GENERATOR_FAILED"
  | "INTERRUPTED"
  | "NOT_A_PROJECT"
  | "DIRTY_TREE"
  | "UPDATE_SOURCE_UNAVAILABLE"
  | "UPDATE_FAILED";

/** 0 ok, 1 unexpected/internal, 2 usage, 3 environment, 130 interrupted (reliability.md §8). */
export const EXIT_CODES: Record<CreateErrorCode, number> = {
  INVALID_NAME: 2,
  INVALID_OPTION: 2,
  UNKNOWN_ARCHETYPE: 2,
  UNKNOWN_COMPETITION: 2,
  INVALID_DATA: 2,
  AMBIGUOUS_DATA: 2,
  INVALID_IMAGE: 2,
  TARGET_NOT_EMPTY: 2,
  TARGET_IS_FILE: 2,
  TARGET_BUSY: 2,
  PATH_TOO_LONG: 2,
  PERMISSION_DENIED: 3,
  DISK_ERROR: 3,
  FORBIDDEN_PATH: 1,
  TEMPLATE_INVALID: 1,
  GENERATOR_FAILED: 1,
  INTERRUPTED: 130,
  // `update` / `check-update` (src/update): not a generated project or uncommitted edits are usage errors;
  // a version that cannot be fetched or rendered, or git/uv failing, is the environment.
  NOT_A_PROJECT: 2,
  DIRTY_TREE: 2,
  UPDATE_SOURCE_UNAVAILABLE: 3,
  UPDATE_FAILED: 3,
};

export class MlStarterError extends Error {
  override readonly name = "MlStarterError";
  readonly code: CreateErrorCode;
  /** One line telling the user what to do next. */
  readonly hint: string | undefined;

  constructor(
    code: CreateErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

export function isMlStarterError(value: unknown): value is MlStarterError {
  return value instanceof MlStarterError;
}

/** Node's errno errors (EACCES, ENOSPC, …) → our typed error, naming the path. */
export function fromFsError(error: unknown, action: string): MlStarterError {
  if (isMlStarterError(error)) return error;
  const err = error as NodeJS.ErrnoException;
  const where = err.path ? ` ${err.path}` : "";
  switch (err.code) {
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return new MlStarterError("PERMISSION_DENIED", `Permission denied while ${action}${where}`, {
        hint: "choose a directory you can write to",
        cause: error,
      });
    case "ENOTDIR":
      return new MlStarterError(
        "TARGET_IS_FILE",
        `A parent of the target is a file, not a directory, while ${action}${where}`,
        {
          hint: "choose a path whose parent folders are directories",
          cause: error,
        },
      );
    case "ENAMETOOLONG":
      return new MlStarterError(
        "PATH_TOO_LONG",
        `A path is too long for this file system while ${action}${where}`,
        {
          hint: "choose a shorter directory path",
          cause: error,
        },
      );
    case "ENOSPC":
    case "EDQUOT":
      return new MlStarterError("DISK_ERROR", `No space left on device while ${action}${where}`, {
        hint: "free some disk space and run again",
        cause: error,
      });
    default:
      return new MlStarterError(
        "GENERATOR_FAILED",
        `Failed while ${action}${where}: ${err.message ?? String(error)}`,
        {
          cause: error,
        },
      );
  }
}
