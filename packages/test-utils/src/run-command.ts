import { execa, type Options } from "execa";

export interface RunResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved, for assertion messages. */
  all: string;
  /** Set when the command could not be started at all (ENOENT and the like). */
  failedToStart: boolean;
}

/** Runs a command (argv array, no shell) and returns its output as strings, never throwing on exit codes. */
export async function run(
  file: string,
  args: readonly string[],
  options: Options = {},
): Promise<RunResult> {
  const result = await execa(file, args, {
    reject: false,
    all: true,
    stdin: "ignore",
    windowsHide: true,
    ...options,
  });
  return {
    exitCode: result.exitCode,
    stdout: String(result.stdout ?? ""),
    stderr: String(result.stderr ?? ""),
    all: String(result.all ?? ""),
    failedToStart: result.exitCode === undefined,
  };
}
