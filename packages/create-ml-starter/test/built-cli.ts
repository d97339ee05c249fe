import { fileURLToPath } from "node:url";
import { execa, type Options } from "execa";

/** The built bin, exactly as `npx create-ml-starter` runs it. */
export const BUILT_CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
/** The templates copied into the package by the build (what the bin and the tarball ship). */
export const BUILT_TEMPLATES = fileURLToPath(new URL("../templates/", import.meta.url));

export interface RunResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved, for assertion messages. */
  all: string;
}

/** Runs a command (argv array, no shell) and returns its output as strings, never throwing on exit codes. */
export async function run(file: string, args: readonly string[], options: Options = {}): Promise<RunResult> {
  const result = await execa(file, args, { reject: false, all: true, stdin: "ignore", ...options });
  return {
    exitCode: result.exitCode,
    stdout: String(result.stdout ?? ""),
    stderr: String(result.stderr ?? ""),
    all: String(result.all ?? ""),
  };
}

export function runBuiltCli(args: readonly string[], options: Options = {}): Promise<RunResult> {
  return run(process.execPath, [BUILT_CLI, ...args], options);
}
