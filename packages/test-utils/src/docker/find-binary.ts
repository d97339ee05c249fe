import path from "node:path";
import { accessSync, constants, statSync } from "node:fs";

// Daemons live in sbin, which a non-login PATH (e.g. under turbo or an IDE) may leave out.
const EXTRA_DIRS = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin", "/bin"];

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of an executable on PATH (then the usual sbin/bin directories), or undefined. POSIX only. */
export function findBinary(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform === "win32") return undefined;
  const dirs = [...(env.PATH ?? "").split(path.delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
