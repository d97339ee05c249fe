import { resolveTool } from "@ml-starter/fs-utils";
import { MlStarterError } from "../core/errors.js";

export interface ToolResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Uint8Array;
  env?: Record<string, string>;
}

/** Runs a tool found on PATH by argument array (no shell); a missing tool is an environment error naming it. */
export async function runTool(
  tool: "git" | "uv" | "npm",
  args: readonly string[],
  cwd: string,
  options: RunOptions = {},
): Promise<ToolResult> {
  const file = resolveTool(tool);
  if (!file)
    throw new MlStarterError("UPDATE_FAILED", `${tool} not found on PATH; update needs it.`, {
      hint: `install ${tool} and run again`,
    });
  return runFile(file, args, cwd, options);
}

/** Runs an executable by path; never rejects, the caller reads the exit code. */
export async function runFile(
  file: string,
  args: readonly string[],
  cwd: string,
  options: RunOptions = {},
): Promise<ToolResult> {
  const { execa } = await import("execa");
  const result = await execa(file, [...args], {
    cwd,
    reject: false,
    stripFinalNewline: false,
    windowsHide: true,
    ...(options.input === undefined ? { stdin: "ignore" as const } : { input: options.input }),
    ...(options.env ? { env: options.env } : {}),
  });
  return {
    exitCode: result.exitCode ?? 1,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
  };
}

/** git in the project; a non-zero exit is UPDATE_FAILED with git's own words. */
export async function git(
  cwd: string,
  args: readonly string[],
  input?: string | Uint8Array,
): Promise<string> {
  const result = await runTool("git", args, cwd, input === undefined ? {} : { input });
  if (result.exitCode !== 0) {
    throw new MlStarterError(
      "UPDATE_FAILED",
      `git ${args[0] ?? ""} failed: ${result.stderr.trim().split("\n").pop() ?? ""}`,
    );
  }
  return result.stdout;
}
