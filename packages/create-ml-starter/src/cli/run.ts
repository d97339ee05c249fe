import { isMlStarterError, MlStarterError } from "../core/errors.js";
import { GENERATOR } from "../core/generator-info.js";
import { findArchetype, loadRegistry, summarizeRegistry } from "../core/registry.js";
import { defaultTemplatesRoot } from "../core/templates-root.js";
import { packageRunnerFrom } from "@ml-starter/schema/package-names";
import { parseCliArgs } from "./args.js";
import { messages } from "./messages.js";
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
  isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
});

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
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
    clearInterval(keepAlive);
  };
}

/** The whole CLI: parse, prompt, create, print. Returns the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  if (argv[0] === "verify") {
    const { main } = await import("@ml-starter/verify/cli");
    return main(argv.slice(1));
  }
  const debug = argv.includes("--debug");
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  for (const s of INTERRUPT_SIGNALS) process.on(s, onSignal);
  try {
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
    if (args.list) {
      for (const m of await summarizeRegistry(defaultTemplatesRoot())) io.out(m.id);
      return 0;
    }
    const registry = await loadRegistry(defaultTemplatesRoot());
    const manifests = registry.map((a) => a.manifest);
    const interactive = args.interactive ?? io.isTTY;
    // Prompts pull in inquirer, generation node-plop: each is loaded only when it runs (fast --help, and no
    // inquirer at all with --no-interactive).
    const promptArchetype: typeof Prompts.promptArchetype = async (...a) => (await import("./prompts.js")).promptArchetype(...a);
    const promptProjectName: typeof Prompts.promptProjectName = async (...a) => (await import("./prompts.js")).promptProjectName(...a);
    let archetype = args.archetype;
    if (archetype !== undefined && !manifests.some((m) => m.id === archetype)) {
      if (!interactive) findArchetype(registry, archetype); // throws UNKNOWN_ARCHETYPE with the choices
      archetype = await promptArchetype(manifests, archetype);
    }
    if (archetype === undefined) {
      if (!interactive) {
        throw new MlStarterError("INVALID_OPTION", messages.missingArchetype(manifests.map((m) => m.id)), {
          hint: `usage: ${messages.usageLine}`,
        });
      }
      archetype = await promptArchetype(manifests);
    }
    let dir = args.dir;
    if (dir === undefined) {
      if (!interactive) throw new MlStarterError("INVALID_OPTION", messages.missingDir);
      dir = await promptProjectName(findArchetype(registry, archetype).manifest.defaultProjectName);
    }
    const onFileWritten = pauseHook(io, controller.signal);
    const { createProject } = await import("../core/create-project.js");
    const result = await createProject({
      targetDir: dir,
      archetype,
      cwd: io.cwd,
      git: args.git,
      install: args.install,
      signal: controller.signal,
      onProgress: (m) => io.out(`• ${m}`),
      ...(args.devcontainerImage !== undefined ? { devcontainerImage: args.devcontainerImage } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
      ...(onFileWritten ? { onFileWritten } : {}),
    });
    for (const step of result.postSteps) io.out(messages.postStep(step));
    const installed = result.postSteps.some((s) => s.step === "install" && s.status === "done");
    const runner = packageRunnerFrom(io.env["npm_config_user_agent"]);
    io.out(messages.done(result.targetDir, io.cwd, result.names, result.manifest, installed, runner));
    return 0;
  } catch (error) {
    return report(error, io, debug);
  } finally {
    for (const s of INTERRUPT_SIGNALS) process.off(s, onSignal);
  }
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
