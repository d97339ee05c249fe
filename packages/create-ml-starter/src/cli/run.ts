import { isMlStarterError, MlStarterError } from "../core/errors.js";
import { GENERATOR } from "../core/generator-info.js";
import { findArchetype, loadRegistry, summarizeRegistry } from "../core/template/registry.js";
import { defaultCatalogRoot, defaultTemplatesRoot } from "../core/template/templates-root.js";
import type { Competition } from "../catalog/load-catalog.js";
import type { CreateResult } from "../core/create-project.js";
import type { PostStepResult } from "../core/post-steps.js";
import { packageRunnerFrom } from "@ml-starter/schema/package-names";
import { parseCliArgs } from "./args.js";
import type { AnyInferred } from "../infer/infer-from-data.js";
import { messages } from "./messages.js";
import type * as FromData from "./from-data.js";
import type * as Prompts from "./prompts.js";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

const defaultIo = (): CliIo => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  // Read when needed, inside the error boundary: the shell's directory may have been deleted.
  get cwd() {
    try {
      return process.cwd();
    } catch (error) {
      throw new MlStarterError("INVALID_OPTION", "The current directory no longer exists.", {
        hint: "cd into an existing directory and run again",
        cause: error,
      });
    }
  },
  env: process.env,
  // A getter: opening process.stdin costs start-up time that --help and --version never need.
  get isTTY() {
    return Boolean(process.stdin.isTTY && process.stdout.isTTY);
  },
});

/** A post-step (git, uv sync) failed: an environment problem; the generated files are complete. */
const POST_STEP_FAILED_EXIT = 3;

const INTERRUPT_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * @internal Test hook: `ML_STARTER_TEST_PAUSE_AFTER=k` pauses after k staged files (printing a marker on
 * stderr) until the run is interrupted, so tests can deliver SIGINT/SIGKILL mid-generation.
 */
function pauseHook(io: CliIo, signal: AbortSignal) {
  const k = Number(io.env["ML_STARTER_TEST_PAUSE_AFTER"]);
  if (!Number.isInteger(k) || k <= 0) return undefined;
  return async (count: number, total: number) => {
    if (count !== k) return;
    io.err(`ml-starter:paused ${count}/${total}`);
    // A pending promise alone does not keep Node alive: hold a timer until the interrupt arrives.
    const keepAlive = setInterval(() => undefined, 60_000);
    await new Promise<void>((resolve) =>
      signal.addEventListener("abort", () => resolve(), { once: true }),
    );
    clearInterval(keepAlive);
  };
}

// Prompts pull in inquirer, --from-data the CSV reader, the catalog and generation zod and node-plop: each is
// loaded only when it runs (a fast --help and --version, no inquirer at all with --no-interactive).
const prompts = () => import("./prompts.js");
const promptArchetype: typeof Prompts.promptArchetype = async (...a) =>
  (await prompts()).promptArchetype(...a);
const promptProjectName: typeof Prompts.promptProjectName = async (...a) =>
  (await prompts()).promptProjectName(...a);
const profileFromData: typeof FromData.profileFromData = async (...a) =>
  (await import("./from-data.js")).profileFromData(...a);
const findCompetition = async (slug: string) =>
  (await import("../catalog/resolve-competition.js")).loadCompetition(defaultCatalogRoot(), slug);

/** The whole CLI: parse, prompt, create, print. Returns the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const debug = argv.includes("--debug");
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  for (const s of INTERRUPT_SIGNALS) process.on(s, onSignal);
  try {
    // The verifier is its own package (the scaffolder does not ship it): say where it is, write nothing.
    if (argv[0] === "verify") {
      const runner = packageRunnerFrom(io.env["npm_config_user_agent"]);
      throw new MlStarterError("INVALID_OPTION", messages.verifyIsSeparate(runner), {
        hint: messages.verifyDirHint,
      });
    }
    // Project-lifecycle verbs, run inside a generated project (src/update).
    if (argv[0] === "update" || argv[0] === "check-update") {
      const update = await import("../update/run-update.js");
      const updateIo = { out: io.out, cwd: io.cwd };
      return argv[0] === "update"
        ? await update.runUpdate(argv.slice(1), updateIo)
        : await update.runCheckUpdate(updateIo);
    }
    const args = parseCliArgs(argv);
    // --help, --version and --list read the manifests without the schema library (see summarizeRegistry).
    if (args.help) {
      io.out(messages.help(await summarizeRegistry(defaultTemplatesRoot()), GENERATOR.version));
      return 0;
    }
    if (args.version) {
      io.out(GENERATOR.version);
      return 0;
    }
    let catalog: Competition[] | undefined;
    const getCatalog = async () =>
      (catalog ??= await (
        await import("../catalog/load-catalog.js")
      ).loadCatalog(defaultCatalogRoot()));
    if (args.list) {
      io.out(messages.list(await summarizeRegistry(defaultTemplatesRoot()), await getCatalog()));
      return 0;
    }
    const registry = await loadRegistry(defaultTemplatesRoot());
    const manifests = registry.map((a) => a.manifest);
    // --json is for scripts: its stdout is one JSON document, so it never prompts.
    const interactive = args.json ? false : (args.interactive ?? io.isTTY);
    let competition =
      args.competition === undefined ? undefined : await findCompetition(args.competition);
    let archetype = args.archetype;
    let inferred: AnyInferred | undefined;
    if (args.fromData !== undefined) {
      if (args.competition !== undefined)
        throw new MlStarterError("INVALID_OPTION", messages.fromDataConflict);
      inferred = await profileFromData(args.fromData, interactive, io.out);
      const wanted = inferred.profile.archetype;
      if (archetype !== undefined && archetype !== wanted) {
        throw new MlStarterError(
          "INVALID_OPTION",
          messages.fromDataArchetype(archetype, wanted, dataKind(inferred)),
          {
            hint: messages.fromDataArchetypeHint,
          },
        );
      }
      archetype = wanted;
    }
    if (competition !== undefined) {
      const wanted = competition.profile.archetype;
      if (archetype !== undefined && archetype !== wanted) {
        throw new MlStarterError(
          "INVALID_OPTION",
          messages.conflictingArchetype(competition.slug, wanted, archetype),
          {
            hint: messages.conflictingArchetypeHint(wanted),
          },
        );
      }
      archetype = wanted;
    }
    if (archetype !== undefined && !manifests.some((m) => m.id === archetype)) {
      if (!interactive) findArchetype(registry, archetype); // throws UNKNOWN_ARCHETYPE with the choices
      archetype = await promptArchetype(manifests, archetype);
    }
    if (archetype === undefined) {
      if (!interactive) {
        throw new MlStarterError(
          "INVALID_OPTION",
          messages.missingArchetype(manifests.map((m) => m.id)),
          {
            hint: `usage: ${messages.usageLine}`,
          },
        );
      }
      archetype = await promptArchetype(manifests);
    }
    let { manifest } = findArchetype(registry, archetype);
    if (
      competition === undefined &&
      inferred === undefined &&
      interactive &&
      manifest.profile !== undefined
    ) {
      const { competitionChoices, promptCompetition, promptDataFolder, OWN_DATA } = await prompts();
      const choice = await promptCompetition(competitionChoices(await getCatalog(), manifest));
      if (choice === OWN_DATA) {
        const path = await promptDataFolder(io.cwd);
        inferred = await profileFromData({ ...noOverrides, path, copyData: true }, true, io.out);
        archetype = ownDataArchetype(inferred, archetype, args.archetype, io);
        manifest = findArchetype(registry, archetype).manifest;
      } else competition = await findCompetition(choice);
    }
    let dir = args.dir;
    if (dir === undefined) {
      if (!interactive) throw new MlStarterError("INVALID_OPTION", messages.missingDir);
      dir = await promptProjectName(manifest.defaultProjectName, io.cwd);
    }
    const onFileWritten = pauseHook(io, controller.signal);
    const { createProject } = await import("../core/create-project.js");
    const result = await createProject({
      targetDir: dir,
      archetype,
      registry,
      ...(competition !== undefined ? { competition } : {}),
      ...(inferred !== undefined ? { inferred, copyData: args.fromData?.copyData ?? true } : {}),
      cwd: io.cwd,
      git: args.git,
      install: args.install,
      dryRun: args.dryRun,
      signal: controller.signal,
      onProgress: args.json ? () => undefined : (m) => io.out(`• ${m}`),
      ...(args.devcontainerImage !== undefined
        ? { devcontainerImage: args.devcontainerImage }
        : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
      ...(onFileWritten ? { onFileWritten } : {}),
    });
    return printOutcome(result, args.json, io);
  } catch (error) {
    return report(error, io, debug);
  } finally {
    for (const s of INTERRUPT_SIGNALS) process.off(s, onSignal);
  }
}

/** The post-step that failed or was interrupted, if any: the run is then not a success. */
function stoppedStep(result: CreateResult): PostStepResult | undefined {
  return result.postSteps.find((s) => s.status === "interrupted" || s.status === "failed");
}

/** 130 for an interrupt, else the environment exit code (the generated files are complete). */
function stoppedExitCode(stopped: PostStepResult): number {
  return stopped.status === "interrupted" ? 130 : POST_STEP_FAILED_EXIT;
}

/** The post-steps' lines, then next steps; the exit code (a stopped post-step is not a success). */
function printResult(result: CreateResult, io: CliIo): number {
  for (const step of result.postSteps) io.out(messages.postStep(step));
  const stopped = stoppedStep(result);
  if (stopped) {
    io.err(messages.postStepStopped(result.targetDir, stopped));
    return stoppedExitCode(stopped);
  }
  const installed = result.postSteps.some((s) => s.step === "install" && s.status === "done");
  const runner = packageRunnerFrom(io.env["npm_config_user_agent"]);
  io.out(
    messages.done(
      result.targetDir,
      io.cwd,
      result.names,
      result.manifest,
      installed,
      runner,
      result.competition,
    ),
  );
  return 0;
}

/** The result as JSON, as a dry-run's file list, or as the post-steps and next steps. */
function printOutcome(result: CreateResult, json: boolean, io: CliIo): number {
  if (json) return printJson(result, io);
  if (!result.dryRun) return printResult(result, io);
  io.out(messages.dryRun(result.targetDir, result.files));
  return 0;
}

/** `--json`: the result as data (same exit codes as the text output). */
function printJson(result: CreateResult, io: CliIo): number {
  const stopped = stoppedStep(result);
  io.out(
    JSON.stringify({
      ok: stopped === undefined,
      dryRun: result.dryRun,
      targetDir: result.targetDir,
      name: result.names.distName,
      importName: result.names.importName,
      archetype: result.manifest.id,
      templateVersion: result.manifest.version,
      competition: result.competition?.slug ?? null,
      files: result.files,
      postSteps: result.postSteps.map((s) => ({ step: s.step, status: s.status })),
    }),
  );
  return stopped === undefined ? 0 : stoppedExitCode(stopped);
}

const noOverrides = {
  target: undefined,
  id: undefined,
  task: undefined,
  metric: undefined,
  cv: undefined,
};

/** The inferred data's task type, or its archetype for basket data (no zod at start-up: not the schema's). */
function dataKind(inferred: AnyInferred): string {
  return "task" in inferred.profile ? inferred.profile.task.type : inferred.profile.archetype;
}

/** "My own data" picked after the archetype: the data's task decides, unless `--archetype` was a flag. */
function ownDataArchetype(
  inferred: AnyInferred,
  chosen: string,
  flag: string | undefined,
  io: CliIo,
): string {
  const wanted = inferred.profile.archetype;
  if (wanted === chosen) return chosen;
  if (flag !== undefined) {
    throw new MlStarterError(
      "INVALID_OPTION",
      messages.fromDataArchetype(flag, wanted, dataKind(inferred)),
      {
        hint: messages.fromDataArchetypeHint,
      },
    );
  }
  io.out(messages.ownDataArchetype(chosen, wanted, dataKind(inferred)));
  return wanted;
}

function report(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof Error && error.name === "ExitPromptError") {
    io.err(messages.interrupted); // Ctrl-C at a prompt: nothing was written yet
    return 130;
  }
  if (isMlStarterError(error)) {
    io.err(messages.error(error.message, error.hint));
    if (debug && error.stack) io.err(error.stack);
    return error.exitCode;
  }
  io.err(messages.unexpected(GENERATOR.version));
  io.err(debug && error instanceof Error && error.stack ? error.stack : String(error));
  return 1;
}
