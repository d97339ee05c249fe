import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";

/** The built bin, exactly as `npx ml-starter-verify` runs it. */
export const BUILT_CLI = fileURLToPath(new URL("../../dist/cli/cli.js", import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(BUILT_CLI))
    throw new Error(`${BUILT_CLI} is missing: run pnpm --filter @ml-starter/verify build`);
}

export function runVerifier(args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}) {
  const env = options.env ?? process.env;
  return execa(process.execPath, [BUILT_CLI, ...args], {
    reject: false,
    all: true,
    stdin: "ignore",
    env,
    extendEnv: false,
  });
}

/** This machine's PATH minus every directory that holds a uv executable (node stays reachable). */
export function pathWithoutUv(env: NodeJS.ProcessEnv = process.env): string {
  const exts = process.platform === "win32" ? (env["PATHEXT"] ?? ".EXE").split(";") : [""];
  const dirs = (env["PATH"] ?? env["Path"] ?? "").split(path.delimiter).filter(Boolean);
  const keep = dirs.filter((d) => !exts.some((e) => existsSync(path.join(d, `uv${e}`))));
  return [...keep, path.dirname(process.execPath)].join(path.delimiter);
}
