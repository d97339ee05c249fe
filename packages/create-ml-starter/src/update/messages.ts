// Every line `update` and `check-update` print, in one place.
import type { FilePlan } from "./merge-files.js";
import type { SourceKind } from "./sources.js";

const SOURCE_TEXT: Record<SourceKind, string> = {
  installed: "this installed package",
  registry: "the registry package",
  "first-commit": "the project's first commit (offline)",
};

export const updateMessages = {
  notAProject: (root: string) =>
    `${root} is not an ml-starter project (no readable ml-starter.json).`,
  notAProjectHint: "run update inside a project made by @ml-starter/create",
  badProjectFile: (name: string) =>
    `${name} is not valid; update cannot tell which template made this project.`,
  notARepository: (root: string) =>
    `${root} is not a git repository; update needs git to merge and to be undoable.`,
  notRepositoryRoot: (top: string) =>
    `The project is inside another repository (${top}); update needs the project's own.`,
  notARepositoryHint:
    "git init && git add -A && git commit -m 'Before update', then run update again",
  dirtyTree: (paths: readonly string[]) =>
    `Uncommitted changes: ${paths.slice(0, 5).join(", ")}${paths.length > 5 ? ` and ${paths.length - 5} more` : ""}.`,
  dirtyTreeHint:
    "commit or stash them first (untracked data/ and outputs/ are fine), so the update can be undone",
  installFailed: (spec: string, stderr: string) => `Could not install ${spec}: ${lastLine(stderr)}`,
  renderFailed: (spec: string, stderr: string) =>
    `${spec} could not render this project: ${lastLine(stderr)}`,
  noFirstCommit: "The project has no commit to take the original render from.",
  checkoutFailed: (commit: string, stderr: string) =>
    `Could not read commit ${commit.slice(0, 12)}: ${lastLine(stderr)}`,
  registryFallback: (version: string, reason: string) =>
    `• ${version} from the registry is unavailable (${reason}); using the project's first commit instead`,
  uvLockFailed: (stderr: string) => `uv lock failed after the merge: ${lastLine(stderr)}`,
  lockAfterResolve: "pyproject.toml has a conflict: resolve it, then run `uv lock`",
  relocked: "regenerated with `uv lock` from the merged pyproject.toml (your dependencies kept)",
  devLockFromTemplate: "taken from the new template (devcontainer.json is the template's)",
  devLockKept: "kept: you changed devcontainer.json; run `devcontainer upgrade` to refresh it",
  sources: (oldKind: SourceKind, oldVersion: string, newKind: SourceKind, newVersion: string) =>
    `• Base ${oldVersion} from ${SOURCE_TEXT[oldKind]}; target ${newVersion} from ${SOURCE_TEXT[newKind]}`,
  downgrade: (from: string, to: string) =>
    `The project is at ${from}; ${to} is older, and update never goes back.`,
  downgradeHint:
    "run a newer package (npx @ml-starter/create@latest update) or pass --to a newer version",
  offlineTo: "--offline renders nothing from the registry, so it cannot be combined with --to",
  current: (version: string) => `Up to date: the project is at ${version}.`,
  updateAvailable: (from: string, to: string) =>
    `Update available: ${from} → ${to} (run update in the project).`,
  plan: (plan: FilePlan) =>
    `  ${plan.action.padEnd(8)} ${plan.path}${plan.reason && plan.reason !== "both-changed" ? ` (${plan.reason})` : ""}`,
  summary: (version: string, changed: number, conflicts: number, dryRun: boolean) =>
    `${dryRun ? "Would update" : "Updated"} to ${version}: ${changed} file(s) changed, ${conflicts} conflict(s)${dryRun ? " expected" : ""}.`,
  conflictHint:
    "resolve the conflict markers (git shows them as unmerged), `git add` the files, then run `uv lock --check`",
  migrated: (description: string) => `• Migration: ${description}`,
};

function lastLine(text: string): string {
  return text.trim().split("\n").pop() ?? "unknown error";
}
