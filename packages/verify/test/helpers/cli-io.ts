import type { CliIo } from "../../src/cli/cli-main.js";
import { envWith } from "./project.js";

/** A CliIo that records what main() prints; the environment defaults to a minimal one (envWith). */
export function cliIo(cwd: string, env: Record<string, string | undefined> = envWith([])) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env, isTTY: false };
  return { io, out: () => out.join(""), err: () => err.join("") };
}
