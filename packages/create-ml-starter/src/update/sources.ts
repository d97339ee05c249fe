import { mkdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PACKAGE_NAMES } from "@ml-starter/schema/package-names";
import { isMlStarterError, MlStarterError } from "../core/errors.js";
import { PACKAGE_ROOT } from "../core/template/templates-root.js";
import { git, runFile, runTool } from "./git.js";
import { updateMessages } from "./messages.js";
import type { ProjectState } from "./project-state.js";

/** Where one side of the merge came from, reported to the user (and in --json). */
export type SourceKind = "installed" | "registry" | "first-commit";

export interface RenderedTree {
  dir: string;
  kind: SourceKind;
  version: string;
  /** The package that rendered it (its migrations.json applies); none for the first commit. */
  packageRoot?: string;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `ml-starter-${prefix}-`));
}

/** The scaffolder flags that reproduce the project's recorded answers (the name is the target folder). */
function answerFlags(state: ProjectState, withCompetition: boolean): string[] {
  const { template, answers } = state.file;
  return [
    "--archetype",
    template.id,
    ...(withCompetition && state.competitionSlug !== undefined
      ? ["--competition", state.competitionSlug]
      : []),
    "--description",
    answers.description,
    "--devcontainer-image",
    answers.devcontainerImage,
  ];
}

/**
 * Renders with this running package's own generator. A profile whose slug is not in the catalog (one
 * inferred with --from-data) renders with the archetype's default: both sides then carry the same default,
 * and the user's competition.toml is kept by the merge.
 */
export async function renderInstalled(state: ProjectState, version: string): Promise<RenderedTree> {
  const parent = await tempDir("new");
  const { createProject } = await import("../core/create-project.js");
  const { answers, template } = state.file;
  const base = {
    targetDir: answers.projectName,
    cwd: parent,
    archetype: template.id,
    description: answers.description,
    devcontainerImage: answers.devcontainerImage,
    git: false,
    install: false,
  };
  try {
    await createProject({
      ...base,
      ...(state.competitionSlug !== undefined ? { competition: state.competitionSlug } : {}),
    });
  } catch (error) {
    if (!(isMlStarterError(error) && error.code === "UNKNOWN_COMPETITION")) throw error;
    await createProject(base);
  }
  return {
    dir: path.join(parent, answers.projectName),
    kind: "installed",
    version,
    packageRoot: PACKAGE_ROOT,
  };
}

/**
 * Installs `@ml-starter/create@<version>` into a temp folder with npm (so the user's registry config
 * applies) and renders with that version's own bin: its templates and its generator, byte for byte.
 */
export async function renderFromRegistry(
  state: ProjectState,
  version: string,
  temps: string[],
): Promise<RenderedTree> {
  const spec = `${PACKAGE_NAMES.create}@${version}`;
  // Kept until the run ends: its migrations.json is read after rendering.
  const prefix = await tempDir("pkg");
  temps.push(prefix);
  const install = await runTool(
    "npm",
    [
      "install",
      "--prefix",
      prefix,
      "--no-save",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      spec,
    ],
    prefix,
  );
  if (install.exitCode !== 0) {
    throw new MlStarterError(
      "UPDATE_SOURCE_UNAVAILABLE",
      updateMessages.installFailed(spec, install.stderr),
    );
  }
  const packageRoot = path.join(prefix, "node_modules", ...PACKAGE_NAMES.create.split("/"));
  const bin = path.join(packageRoot, "dist", "cli.js");
  const parent = await tempDir("old");
  const render = (withCompetition: boolean) =>
    runFile(
      process.execPath,
      [
        bin,
        state.file.answers.projectName,
        ...answerFlags(state, withCompetition),
        "--no-git",
        "--no-install",
        "--no-interactive",
      ],
      parent,
    );
  let result = await render(true);
  if (result.exitCode !== 0 && state.competitionSlug !== undefined) result = await render(false);
  if (result.exitCode !== 0)
    throw new MlStarterError(
      "UPDATE_SOURCE_UNAVAILABLE",
      updateMessages.renderFailed(spec, result.stderr),
    );
  return {
    dir: path.join(parent, state.file.answers.projectName),
    kind: "registry",
    version,
    packageRoot,
  };
}

/** Offline: the project's first commit is the pristine render of the version it records. */
export async function firstCommitTree(state: ProjectState): Promise<RenderedTree> {
  const roots = (await git(state.root, ["rev-list", "--max-parents=0", "HEAD"])).trim().split("\n");
  const first = roots[roots.length - 1];
  if (!first) throw new MlStarterError("UPDATE_SOURCE_UNAVAILABLE", updateMessages.noFirstCommit);
  return {
    dir: await checkoutCommit(state, first, "old"),
    kind: "first-commit",
    version: state.file.generator.version,
  };
}

/** The files of `commit` in a temp folder, through a private index (the user's index is left as it is). */
export async function checkoutCommit(
  state: ProjectState,
  commit: string,
  prefix: string,
): Promise<string> {
  const dir = path.join(await tempDir(prefix), state.file.answers.projectName);
  await mkdir(dir, { recursive: true });
  const env = { GIT_INDEX_FILE: path.join(path.dirname(dir), "index") };
  for (const args of [
    ["read-tree", commit],
    ["checkout-index", "--all", `--prefix=${dir}${path.sep}`],
  ]) {
    const result = await runTool("git", args, state.root, { env });
    if (result.exitCode !== 0)
      throw new MlStarterError(
        "UPDATE_SOURCE_UNAVAILABLE",
        updateMessages.checkoutFailed(commit, result.stderr),
      );
  }
  return dir;
}
