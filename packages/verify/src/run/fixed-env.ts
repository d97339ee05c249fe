import { mergeEnv } from "@ml-starter/fs-utils";

/** Set for every step: Python determinism and UTF-8 I/O, single-threaded native libraries, uv's lock check. */
export const FIXED_ENV = {
  PYTHONHASHSEED: "0",
  PYTHONUTF8: "1",
  PYTHONIOENCODING: "utf-8",
  OMP_NUM_THREADS: "1",
  OPENBLAS_NUM_THREADS: "1",
  MKL_NUM_THREADS: "1",
  VECLIB_MAXIMUM_THREADS: "1",
  NUMEXPR_NUM_THREADS: "1",
  UV_LOCKED: "1",
} as const;

/**
 * The environment every command gets: the caller's, plus FIXED_ENV, minus UV_FROZEN (it skips the lock check
 * and conflicts with UV_LOCKED) and VIRTUAL_ENV (it would point `uv pip` at another environment). One PATH key
 * on Windows (mergeEnv merges case-insensitively there).
 */
export function buildChildEnv(
  base: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  return mergeEnv(base, { ...FIXED_ENV, UV_FROZEN: undefined, VIRTUAL_ENV: undefined }, platform);
}
