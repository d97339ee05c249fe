import path from "node:path";
import { fromFsError, MlStarterError } from "./errors.js";
import { commitStaging } from "./write/commit-staging.js";
import { createParents, removeCreatedParents } from "./write/created-parents.js";
import { checkImageReference } from "./inputs/image-ref.js";
import { lockedPackageNames } from "./inputs/locked-names.js";
import { checkDescription, deriveNames, type ProjectNames } from "./inputs/names.js";
import { checkPathLength } from "./inputs/path-length.js";
import { planFiles } from "./template/plan-files.js";
import { generateWithPlop, type TemplateData } from "./template/plop-adapter.js";
import { initGit, installWithUv, type PostStepResult } from "./post-steps.js";
import {
  buildProjectFile,
  PROJECT_FILE_NAME,
  serializeProjectFile,
} from "./template/project-file.js";
import { findArchetype, loadRegistry, type Archetype } from "./template/registry.js";
import { applyUmask, createStaging, removeStaging, sweepStaleStaging } from "./write/staging.js";
import { inspectTarget } from "./write/target.js";
import { defaultCatalogRoot, defaultTemplatesRoot } from "./template/templates-root.js";
import {
  canonicalCompetition,
  PROFILE_FILE_NAME,
  resolveCompetition,
} from "../catalog/resolve-competition.js";
import { planForProfile } from "../catalog/profile-plan.js";
import { approachesTransform } from "../catalog/approaches.js";
import { writeInside } from "./write/write-file.js";
import { checkCopySize, copyDataInto, dataFilesOf, RAW_DATA_DIR } from "../infer/copy-data.js";
import type { AnyInferred } from "../infer/infer-from-data.js";
import type { RenameOptions } from "@ml-starter/fs-utils";
import type { TemplateManifest } from "@ml-starter/schema";
import type { Competition } from "../catalog/load-catalog.js";

export interface CreateProjectOptions {
  /** Where to create the project, as typed (relative to `cwd`); its last segment is the project name. */
  targetDir: string;
  /** Archetype id, e.g. `classification`. */
  archetype: string;
  cwd?: string;
  /** One line for pyproject.toml and ml-starter.json; defaults to the archetype's description. */
  description?: string;
  /** Devcontainer base image (tag plus digest); defaults to the archetype's. */
  devcontainerImage?: string;
  /** `git init` and a first commit (default true). */
  git?: boolean;
  /** `uv sync --locked` when uv is on PATH (default true). */
  install?: boolean;
  /** Validate every input and plan every file, then stop: nothing is written (`--dry-run`). */
  dryRun?: boolean;
  /**
   * Catalog slug (or the entry already loaded by the caller) whose profile becomes `competition.toml`;
   * defaults to the archetype's canonical one.
   */
  competition?: string | Competition;
  /** A profile inferred from the user's files (`--from-data`): written instead of a catalog entry. */
  inferred?: AnyInferred;
  /** With `inferred`: copy the user's files into data/raw (default true; capped, see copy-data.ts). */
  copyData?: boolean;
  templatesRoot?: string;
  /** The archetypes of `templatesRoot` when the caller has loaded them (the CLI): validated once. */
  registry?: readonly Archetype[];
  catalogRoot?: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Test hook: runs after each staged file. */
  onFileWritten?: (count: number, total: number) => Promise<void> | void;
  /** For tests of other platforms' rules (path length, rename retries). */
  platform?: NodeJS.Platform;
  renameOptions?: RenameOptions;
}

export interface CreateResult {
  targetDir: string;
  names: ProjectNames;
  manifest: TemplateManifest;
  /** The catalog entry written as `competition.toml`, when the archetype has profiles. */
  competition: Competition | undefined;
  /** POSIX paths of the generated files, sorted. */
  files: string[];
  postSteps: PostStepResult[];
  /** True when nothing was written (`dryRun`). */
  dryRun: boolean;
}

/** Generates a project atomically: validate everything, stage beside the target, rename into place. */
export async function createProject(options: CreateProjectOptions): Promise<CreateResult> {
  const templatesRoot = options.templatesRoot ?? defaultTemplatesRoot();
  const catalogRoot = options.catalogRoot ?? defaultCatalogRoot();
  const target = path.resolve(options.cwd ?? process.cwd(), options.targetDir);
  const progress = options.onProgress ?? (() => undefined);

  // 1. Validate every input and plan every output path before touching the disk.
  // The name is the last segment as typed: `..` (or `a/.`) would otherwise silently become a folder's name.
  // `.` alone is the current folder, named after itself (usable under the same target rules as any other).
  const here = path.normalize(options.targetDir).replace(/[\\/]+$/, "") === ".";
  const typedLast =
    options.targetDir
      .split(/[\\/]+/)
      .filter(Boolean)
      .pop() ?? "";
  const names = deriveNames(
    !here && (typedLast === "." || typedLast === ".." || typedLast === "")
      ? typedLast
      : path.basename(target),
    lockedPackageNames(templatesRoot),
  );
  const registry = options.registry ?? (await loadRegistry(templatesRoot));
  const { manifest, dir } = findArchetype(registry, options.archetype);
  const image = checkImageReference(options.devcontainerImage ?? manifest.devcontainer.image);
  const description = checkDescription(options.description ?? manifest.description);
  const { inferred } = options;
  const competition = inferred
    ? undefined
    : await resolveCompetition(catalogRoot, manifest, options.competition);
  const profileToml = inferred?.toml ?? competition?.profileToml;
  if (inferred && inferred.profile.archetype !== manifest.id) {
    throw new MlStarterError(
      "INVALID_OPTION",
      `The inferred profile is a ${inferred.profile.archetype} profile, not ${manifest.id}.`,
    );
  }
  // template.json states the plan for the archetype's canonical profile; another profile gets its own.
  const chosen = inferred?.profile ?? competition?.profile;
  const canonical =
    chosen === undefined
      ? undefined
      : await canonicalCompetition(catalogRoot, manifest, competition);
  const plan =
    chosen && canonical
      ? planForProfile(manifest.verify, canonical.profile, chosen)
      : manifest.verify;
  const copyData = inferred !== undefined && options.copyData !== false;
  if (inferred && copyData) await checkCopySize(inferred.files);
  const files = await planFiles(
    templatesRoot,
    dir,
    names.importName,
    manifest.extends,
    manifest.pick,
  );
  const dataOutputs = copyData
    ? dataFilesOf(inferred.files).map((f) => `${RAW_DATA_DIR}/${path.basename(f)}`)
    : [];
  const generated = [
    PROJECT_FILE_NAME,
    ...(profileToml === undefined ? [] : [PROFILE_FILE_NAME]),
    ...dataOutputs,
  ];
  const outputs = [...files.map((f) => f.output), ...generated].sort();
  const transforms = approachesTransform(outputs, competition, manifest.id);
  checkPathLength(target, outputs, options.platform);
  const initial = await inspectTarget(target).catch((error: unknown) => {
    throw fromFsError(error, "inspecting the target");
  });

  const planned = { targetDir: target, names, manifest, competition, files: outputs };
  if (options.dryRun === true) return { ...planned, postSteps: [], dryRun: true };

  const data: TemplateData = {
    ...names,
    archetype: manifest.id,
    templateVersion: manifest.version,
    competitionSlug: inferred
      ? inferred.profile.slug
      : (competition?.slug ?? manifest.competition.slug),
    devcontainerImage: image,
    description,
  };

  // 2. Stage beside the target (same filesystem), then rename into place.
  const parent = path.dirname(target);
  let createdParents: string[];
  try {
    createdParents = await createParents(parent);
  } catch (error) {
    throw fromFsError(error, `creating ${parent}`);
  }
  await sweepStaleStaging(parent);
  let staging: string | undefined;
  try {
    staging = await createStaging(target);
    progress(`Generating ${manifest.title} project in ${target}`);
    await generateWithPlop(staging, files, data, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onFileWritten ? { onFileWritten: options.onFileWritten } : {}),
      transforms,
    });
    const projectFile = serializeProjectFile(
      buildProjectFile(manifest, names, image, description, plan),
    );
    writeInside(staging, PROJECT_FILE_NAME, Buffer.from(projectFile, "utf8"));
    if (profileToml !== undefined)
      writeInside(staging, PROFILE_FILE_NAME, Buffer.from(profileToml, "utf8"));
    if (inferred && copyData) {
      progress(`Copying your data into ${RAW_DATA_DIR}`);
      await copyDataInto(staging, inferred.files);
    }
    if (options.signal?.aborted)
      throw new MlStarterError("INTERRUPTED", "Interrupted; nothing was created.");
    await applyUmask(staging);
    await commitStaging(staging, target, options.renameOptions);
    staging = undefined;
  } catch (error) {
    if (staging) await removeStaging(staging).catch(() => undefined);
    // Only our own staging dir is removed recursively; parents we created go only if still empty.
    await removeCreatedParents(createdParents);
    throw fromFsError(error, `writing ${target}`);
  }

  // 3. Steps that only add to a valid project; a failure is reported, never rolled back.
  // An interrupt stops the step under way and skips the rest; the result says so (the CLI exits 130).
  const postSteps: PostStepResult[] = [];
  const signal = options.signal;
  if (options.git !== false && !signal?.aborted) {
    progress("Initialising git");
    postSteps.push(await initGit(target, initial.kind === "empty" && initial.hasGit, signal));
  }
  if (options.install !== false && !signal?.aborted) {
    progress("Installing the locked environment (uv sync --locked)");
    postSteps.push(await installWithUv(target, signal));
  }
  return { ...planned, postSteps, dryRun: false };
}
