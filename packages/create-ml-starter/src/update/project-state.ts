import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "smol-toml";
import { ProjectFileSchema, PROJECT_FILE_NAME, type ProjectFile } from "@ml-starter/schema";
import { MlStarterError } from "../core/errors.js";
import { PROFILE_FILE_NAME } from "../catalog/resolve-competition.js";
import { git } from "./git.js";
import { updateMessages } from "./messages.js";

export interface ProjectState {
  root: string;
  file: ProjectFile;
  /** The profile's catalog slug from competition.toml, when the project has one. */
  competitionSlug: string | undefined;
}

/** Untracked files under these folders are the user's data and results, never template files. */
const IGNORED_UNTRACKED = ["data/", "outputs/"];

/** Reads ml-starter.json (and competition.toml's slug) at `root`; NOT_A_PROJECT when either is unusable. */
export async function readProjectState(root: string): Promise<ProjectState> {
  let text: string;
  try {
    text = await readFile(path.join(root, PROJECT_FILE_NAME), "utf8");
  } catch {
    throw new MlStarterError("NOT_A_PROJECT", updateMessages.notAProject(root), {
      hint: updateMessages.notAProjectHint,
    });
  }
  let file: ProjectFile;
  try {
    file = ProjectFileSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new MlStarterError("NOT_A_PROJECT", updateMessages.badProjectFile(PROJECT_FILE_NAME), {
      cause: error,
    });
  }
  const profile = await readFile(path.join(root, PROFILE_FILE_NAME), "utf8").catch(() => undefined);
  let competitionSlug: string | undefined;
  if (profile !== undefined) {
    try {
      const slug = parse(profile)["slug"];
      competitionSlug = typeof slug === "string" ? slug : undefined;
    } catch (error) {
      throw new MlStarterError("NOT_A_PROJECT", updateMessages.badProjectFile(PROFILE_FILE_NAME), {
        cause: error,
      });
    }
  }
  return { root, file, competitionSlug };
}

/** Refuses a tree with uncommitted changes: the merge writes into it, and the user must be able to undo it. */
export async function assertCleanTree(root: string): Promise<void> {
  const top = (
    await git(root, ["rev-parse", "--show-toplevel"]).catch(() => {
      throw new MlStarterError("NOT_A_PROJECT", updateMessages.notARepository(root), {
        hint: updateMessages.notARepositoryHint,
      });
    })
  ).trim();
  if (path.resolve(top) !== path.resolve(root)) {
    throw new MlStarterError("NOT_A_PROJECT", updateMessages.notRepositoryRoot(top), {
      hint: updateMessages.notARepositoryHint,
    });
  }
  const status = await git(root, ["status", "--porcelain=v1", "-z", "--untracked-files=all"]);
  const dirty = status
    .split("\0")
    .filter(Boolean)
    .filter(
      (entry) =>
        !(
          entry.startsWith("?? ") && IGNORED_UNTRACKED.some((dir) => entry.slice(3).startsWith(dir))
        ),
    )
    .map((entry) => entry.slice(3));
  if (dirty.length > 0) {
    throw new MlStarterError("DIRTY_TREE", updateMessages.dirtyTree(dirty), {
      hint: updateMessages.dirtyTreeHint,
    });
  }
}
