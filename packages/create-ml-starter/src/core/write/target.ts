import { lstat, readdir } from "node:fs/promises";
import { MlStarterError } from "../errors.js";
import { hasGitHistory } from "./git-history.js";

export type TargetState = { kind: "absent" } | { kind: "empty"; hasGit: boolean };

const SHOWN_ENTRIES = 5;

/** A target may be absent, empty, or hold only a `.git` without commits; anything else is refused before writing. */
export async function inspectTarget(target: string): Promise<TargetState> {
  let stat;
  try {
    stat = await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    throw error;
  }
  if (stat.isSymbolicLink()) {
    throw new MlStarterError("TARGET_NOT_EMPTY", `Target ${target} is a symbolic link.`, {
      hint: "pass the real directory, or a new path",
    });
  }
  if (!stat.isDirectory()) {
    throw new MlStarterError("TARGET_IS_FILE", `Target ${target} exists and is not a directory.`, {
      hint: "choose a new directory name",
    });
  }
  const entries = (await readdir(target)).sort();
  const others = entries.filter((e) => e !== ".git");
  if (others.length > 0) {
    const shown = others.slice(0, SHOWN_ENTRIES).join(", ");
    const more = others.length > SHOWN_ENTRIES ? `, … (${others.length} entries)` : "";
    throw new MlStarterError(
      "TARGET_NOT_EMPTY",
      `Target ${target} is not empty (${shown}${more}).`,
      {
        hint: "choose a new directory; nothing was changed",
      },
    );
  }
  const hasGit = entries.includes(".git");
  if (hasGit && (await hasGitHistory(target))) {
    throw new MlStarterError(
      "TARGET_NOT_EMPTY",
      `Target ${target} holds a git repository that already has history.`,
      {
        hint: "generate into a new directory and copy the files into your repository, or pass an empty `git init` directory",
      },
    );
  }
  return { kind: "empty", hasGit };
}
