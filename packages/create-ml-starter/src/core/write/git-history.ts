import path from "node:path";
import { readFile, readdir } from "node:fs/promises";
import { resolveTool } from "@ml-starter/fs-utils";

/** Variables that would point git at another repository than the target's own `.git`. */
const REDIRECTING_GIT_ENV = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_COMMON_DIR",
];

/** The environment for asking about `dir`'s own repository: never one named by the caller's env or above `dir`. */
function gitEnv(dir: string): Record<string, string> {
  const env: Record<string, string> = { GIT_CEILING_DIRECTORIES: path.dirname(path.resolve(dir)) };
  for (const [key, value] of Object.entries(process.env)) {
    if (
      value !== undefined &&
      !REDIRECTING_GIT_ENV.includes(key) &&
      key !== "GIT_CEILING_DIRECTORIES"
    )
      env[key] = value;
  }
  return env;
}

async function anyFile(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile() || (entry.isDirectory() && (await anyFile(path.join(dir, entry.name)))))
      return true;
  }
  return false;
}

/** Without a usable git: a repository has history when any ref exists (loose, packed or a detached HEAD). */
async function refsOnDisk(gitDir: string): Promise<boolean> {
  const packed = await readFile(path.join(gitDir, "packed-refs"), "utf8").catch(() => "");
  if (packed.split("\n").some((line) => /^[0-9a-f]{40,64} /.test(line))) return true;
  const head = await readFile(path.join(gitDir, "HEAD"), "utf8").catch(() => "");
  if (/^[0-9a-f]{40,64}\s*$/.test(head)) return true;
  return anyFile(path.join(gitDir, "refs"));
}

/**
 * Whether the repository in `dir` has any commit. Generating into it would make the first commit delete every
 * tracked file from the branch, so only a repository without history is filled.
 */
export async function hasGitHistory(dir: string): Promise<boolean> {
  const git = resolveTool("git");
  if (git) {
    const { execa } = await import("execa"); // only when the target already holds a repository
    const result = await execa(git, ["rev-list", "--all", "--max-count=1"], {
      cwd: dir,
      env: gitEnv(dir),
      extendEnv: false,
      reject: false,
      stdin: "ignore",
      windowsHide: true,
    });
    if (result.exitCode === 0) return String(result.stdout).trim() !== "";
  }
  // git missing, or it does not recognise the repository (a partial `.git`): read the refs ourselves.
  return refsOnDisk(path.join(dir, ".git"));
}
