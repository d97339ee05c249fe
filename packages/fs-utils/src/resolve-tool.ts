import path from "node:path";
import { accessSync, constants, statSync } from "node:fs";
import { getEnv } from "./env.js";

export interface ResolveOptions {
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** True when `file` is an executable regular file; injectable for tests of other platforms. */
  isExecutable?: (file: string) => boolean;
}

function defaultIsExecutable(platform: NodeJS.Platform) {
  return (file: string): boolean => {
    try {
      if (!statSync(file).isFile()) return false;
      if (platform !== "win32") accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
}

/**
 * Finds a command on PATH (and PATHEXT on Windows) the way a shell would, returning its absolute path or
 * undefined. Done ourselves because on Windows a missing command does not raise ENOENT through execa.
 */
export function resolveTool(name: string, options: ResolveOptions = {}): string | undefined {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const api = platform === "win32" ? path.win32 : path.posix;
  const isExecutable = options.isExecutable ?? defaultIsExecutable(platform);
  const dirs = (getEnv(env, "PATH", platform) ?? "")
    .split(platform === "win32" ? ";" : ":")
    .filter(Boolean);
  const hasExt = platform === "win32" && api.extname(name) !== "";
  const exts =
    platform === "win32" && !hasExt
      ? (getEnv(env, "PATHEXT", platform) ?? ".COM;.EXE;.BAT;.CMD").split(";").filter(Boolean)
      : [""];
  if (name.includes("/") || (platform === "win32" && name.includes("\\"))) {
    return exts.map((e) => name + e).find((candidate) => isExecutable(candidate));
  }
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = api.join(dir.replace(/^"(.*)"$/, "$1"), name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}
