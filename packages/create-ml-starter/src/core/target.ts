import { lstat, readdir } from "node:fs/promises";
import { MlStarterError } from "./errors.js";

export type TargetState = { kind: "absent" } | { kind: "empty"; hasGit: boolean };

const SHOWN_ENTRIES = 5;

/** A target may be absent, empty, or hold only `.git`; anything else is refused before writing. */
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
    throw new MlStarterError("TARGET_NOT_EMPTY", `Target ${target} is not empty (${shown}${more}).`, {
      hint: "choose a new directory; nothing was changed",
    });
  }
  return { kind: "empty", hasGit: entries.includes(".git") };
}
