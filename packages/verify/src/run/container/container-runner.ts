import path from "node:path";
import { randomUUID } from "node:crypto";
import { realpathSync } from "node:fs";
import { rm } from "node:fs/promises";
import type { RawStepResult, RunOptions, RunnerPlatform, StepRunner } from "../step-runner.js";
import {
  locateDevcontainerCli,
  parseOutcome,
  runDevcontainer,
  tail,
  type CliOutcome,
} from "./devcontainer-cli.js";
import {
  checkDocker,
  dockerExec,
  isRunning,
  killMarkedProcesses,
  removeContainersWithLabel,
  removeImages,
  type DockerContext,
} from "./docker.js";
import { ContainerError, type ContainerErrorCode } from "./errors.js";
import { refuseHostSettings } from "./host-settings.js";
import { checkDevcontainerLockfile, locateDevcontainerConfig } from "./lockfile-check.js";
import { parseUname } from "./platform.js";
import { forwardedEnv } from "./remote-env.js";
import { createScratch, type Scratch } from "./scratch.js";

export interface ContainerRunnerOptions {
  /**
   * The verifier's fixed child environment. Only its determinism variables (PYTHONHASHSEED, PYTHONUTF8, thread
   * counts…) reach the container, merged under each run()'s own; secrets and host paths never do.
   */
  env?: Record<string, string>;
  /** One progress line per phase (build, up, ready); with `debug`, every devcontainer CLI log line too. */
  log?: (line: string) => void;
  debug?: boolean;
  /** Aborting during build or up kills the CLI, removes the container and throws ContainerError("interrupted"). */
  signal?: AbortSignal;
  /** Docker CLI (also given to the devcontainer CLI as --docker-path). Default: `docker` on PATH. */
  dockerPath?: string;
  /** Environment of the docker and devcontainer CLI processes on the host (DOCKER_HOST…). Default: process.env. */
  hostEnv?: Readonly<Record<string, string | undefined>>;
  /** Time limit for `devcontainer build`. Default 30 min. */
  buildTimeoutMs?: number;
  /** Time limit for `devcontainer up` (includes onCreateCommand: pip install uv, uv sync --locked). Default 30 min. */
  upTimeoutMs?: number;
  /** Variable names forwarded beyond the determinism allow-list (secret-looking names never are). */
  forwardEnv?: readonly string[];
  /**
   * Allow devcontainer settings that reach into the host (initializeCommand, mounts, runArgs, privileged, capAdd,
   * securityOpt, …). Default false: they are refused with `devcontainer_invalid` before Docker is contacted.
   */
  trust?: boolean;
  /** Also remove the `vsc-…` images `devcontainer build` tagged, on dispose (tests). Default false: reruns reuse them. */
  removeImagesOnDispose?: boolean;
}

export interface ContainerRunner extends StepRunner {
  where: "container";
  /** The path inside the container of a host path inside the project directory or the scratch directory. */
  mapPath(hostPath: string): string;
  /** Every container this runner started carries this label (`ml-starter.verify=<uuid>`); dispose() removes by it. */
  readonly idLabel: string;
  readonly containerId: string;
  /** The project directory as commands see it (== projectDir). */
  readonly remoteWorkspaceFolder: string;
  readonly projectDir: string;
  readonly dockerVersion: string;
  readonly devcontainerCliVersion: string;
  platform(): Promise<RunnerPlatform>;
  scratchDir(): Promise<{ host: string; runner: string }>;
}

export const ID_LABEL_KEY = "ml-starter.verify";
/** Environment marker carried by every process of one run(), so a timeout can find and kill all of them. */
const RUN_MARKER = "ML_STARTER_VERIFY_RUN";
// Mark the environment, cd to the mapped cwd, then become the command (argv passed through untouched).
const WRAPPER = `${RUN_MARKER}="$1"; export ${RUN_MARKER}; cd "$2" || { echo "ml-starter-verify: no directory $2 in the container" >&2; exit 125; }; shift 2; exec "$@"`;
const DEFAULT_PHASE_TIMEOUT = 30 * 60_000;
const LOCK_HINT = "run `devcontainer upgrade --workspace-folder .` and commit the lockfile";

/**
 * Builds and starts the project's devcontainer with @devcontainers/cli (`build --frozen-lockfile`, then `up
 * --remove-existing-container --frozen-lockfile` under a unique id label) and returns a StepRunner whose commands
 * run inside it through `devcontainer exec`. dispose() removes the container.
 *
 * Throws ContainerError: `docker_unavailable` when no engine answers; `container_failed` when the devcontainer
 * lockfile does not match or the container cannot be built or started; `interrupted` on abort. Nothing is left
 * running when it throws.
 */
export async function createContainerRunner(
  projectDir: string,
  options: ContainerRunnerOptions = {},
): Promise<ContainerRunner> {
  const workspace = realpathSync.native(path.resolve(projectDir));
  const docker: DockerContext = { docker: options.dockerPath ?? "docker", env: options.hostEnv };
  const say = options.log ?? (() => undefined);

  // Before anything runs, Docker included: a config reaching into the host is refused unless trusted.
  const located = options.trust === true ? undefined : await locateDevcontainerConfig(workspace);
  if (located !== undefined) await refuseHostSettings(workspace, located.config, located.text);
  const dockerVersion = await checkDocker(docker);
  const cli = locateDevcontainerCli();
  const { lockfile } = await checkDevcontainerLockfile(workspace);

  const id = randomUUID();
  const idLabel = `${ID_LABEL_KEY}=${id}`;
  const builtImages: string[] = [];
  const scratch: Scratch = await createScratch(workspace, id);
  const cleanUp = async () => {
    await removeContainersWithLabel(docker, idLabel);
    if (options.removeImagesOnDispose === true) await removeImages(docker, builtImages);
    await rm(scratch.host, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  };
  const session: Session = {
    workspace,
    docker,
    options,
    say,
    cliLog: options.debug === true ? say : undefined,
    common: [
      "--workspace-folder",
      workspace,
      ...(options.dockerPath !== undefined ? ["--docker-path", options.dockerPath] : []),
    ],
    id,
    idLabel,
    scratch,
    builtImages,
    fail: async (code, message, extra = {}) => {
      await cleanUp();
      throw new ContainerError(code, message, extra);
    },
  };

  await buildImage(
    session,
    cli.version,
    path.relative(workspace, lockfile).split(path.sep).join("/"),
  );
  const { containerId, remoteWorkspaceFolder } = await startContainer(session);
  return runnerFor(session, {
    containerId,
    remoteWorkspaceFolder,
    dockerVersion,
    devcontainerCliVersion: cli.version,
  });
}

/** What the phases of one container runner share. */
interface Session {
  workspace: string;
  docker: DockerContext;
  options: ContainerRunnerOptions;
  say: (line: string) => void;
  cliLog: ((line: string) => void) | undefined;
  /** Arguments every devcontainer CLI call takes. */
  common: string[];
  id: string;
  idLabel: string;
  scratch: Scratch;
  builtImages: string[];
  /** Removes whatever was started, then throws. */
  fail: (
    code: ContainerErrorCode,
    message: string,
    extra?: { hint?: string; detail?: string },
  ) => Promise<never>;
}

function why(
  result: { timedOut: boolean; exitCode: number | null; spawnError: string | undefined },
  outcome: CliOutcome | undefined,
  limitMs: number,
): string {
  if (result.timedOut) return `timed out after ${Math.round(limitMs / 1000)} s`;
  const said = [outcome?.message, outcome?.description].filter(
    (s): s is string => typeof s === "string" && s.trim() !== "",
  );
  return said.length > 0
    ? said.join(": ")
    : (result.spawnError ?? `exit ${String(result.exitCode)}`);
}

/** build: the image plus Features, refusing any lockfile difference. */
async function buildImage(session: Session, cliVersion: string, lockRel: string): Promise<void> {
  const { options, fail } = session;
  session.say(
    `container: building the devcontainer image (devcontainer build --frozen-lockfile, CLI ${cliVersion})`,
  );
  const buildLimit = options.buildTimeoutMs ?? DEFAULT_PHASE_TIMEOUT;
  const build = await runDevcontainer(["build", ...session.common, "--frozen-lockfile"], {
    timeoutMs: buildLimit,
    env: options.hostEnv,
    signal: options.signal,
    onStderrLine: session.cliLog,
  });
  const built = parseOutcome(build.stdout);
  session.builtImages.push(...(built?.imageName ?? []).filter((name) => name.startsWith("vsc-")));
  if (build.interrupted)
    return fail("interrupted", "interrupted while building the devcontainer image");
  if (build.timedOut || build.exitCode !== 0 || built?.outcome !== "success") {
    const text = `${build.stdout}\n${build.stderr}`;
    if (/Lockfile does not (match|exist)\./.test(text)) {
      return fail(
        "container_failed",
        `${lockRel} does not match the devcontainer configuration (devcontainer build --frozen-lockfile)`,
        {
          hint: LOCK_HINT,
          detail: tail(text),
        },
      );
    }
    return fail("container_failed", `devcontainer build failed: ${why(build, built, buildLimit)}`, {
      detail: tail(build.all),
    });
  }
}

/** up: always a fresh container (a reused one hides a stale config); lifecycle commands (uv sync --locked) run. */
async function startContainer(
  session: Session,
): Promise<{ containerId: string; remoteWorkspaceFolder: string }> {
  const { options, fail, scratch } = session;
  session.say(
    "container: starting it (devcontainer up; onCreateCommand installs uv and runs uv sync --locked)",
  );
  const upLimit = options.upTimeoutMs ?? DEFAULT_PHASE_TIMEOUT;
  const up = await runDevcontainer(
    [
      "up",
      ...session.common,
      "--id-label",
      session.idLabel,
      "--remove-existing-container",
      "--frozen-lockfile",
      ...(scratch.mount !== undefined ? ["--mount", scratch.mount] : []),
    ],
    {
      timeoutMs: upLimit,
      env: options.hostEnv,
      signal: options.signal,
      onStderrLine: session.cliLog,
    },
  );
  const started = parseOutcome(up.stdout);
  if (up.interrupted) return fail("interrupted", "interrupted while starting the devcontainer");
  if (
    up.timedOut ||
    up.exitCode !== 0 ||
    started?.outcome !== "success" ||
    started.containerId === undefined ||
    started.remoteWorkspaceFolder === undefined
  ) {
    const lifecycle = lifecycleLockFailure(up.all);
    if (lifecycle !== undefined)
      return fail(lifecycle.code, lifecycle.message, { detail: tail(up.all) });
    return fail("container_failed", `devcontainer up failed: ${why(up, started, upLimit)}`, {
      detail: tail(up.all),
    });
  }
  const containerId = started.containerId;
  const remoteWorkspaceFolder = started.remoteWorkspaceFolder;
  if (scratch.mount === undefined)
    scratch.runner = path.posix.join(remoteWorkspaceFolder, "outputs", "verify", session.id);
  session.say(`container: ready (${containerId.slice(0, 12)}, workspace ${remoteWorkspaceFolder})`);
  return { containerId, remoteWorkspaceFolder };
}

/** Host paths inside the project or the scratch directory → the container's view of them. */
function pathMapper(
  workspace: string,
  remoteWorkspaceFolder: string,
  scratch: Scratch,
): (hostPath: string) => string {
  return (hostPath: string): string => {
    const candidates = [path.resolve(hostPath)];
    try {
      candidates.push(realpathSync.native(hostPath));
    } catch {
      // Not created yet: the lexical path is all there is.
    }
    const roots: [string, string][] = [[workspace, remoteWorkspaceFolder]];
    if (scratch.mount !== undefined) roots.push([scratch.host, scratch.runner]);
    for (const candidate of candidates) {
      for (const [hostRoot, runnerRoot] of roots) {
        const rel = path.relative(hostRoot, candidate);
        if (rel === "") return runnerRoot;
        if (!rel.startsWith("..") && !path.isAbsolute(rel))
          return path.posix.join(runnerRoot, ...rel.split(path.sep));
      }
    }
    // Already a container path (the verifier uses `projectDir`, the container's view, as cwd): keep it.
    const posix = path.posix.normalize(hostPath.split(path.sep).join("/"));
    for (const [, runnerRoot] of roots) {
      if (posix === runnerRoot || posix.startsWith(`${runnerRoot}/`)) return posix;
    }
    throw new ContainerError(
      "container_failed",
      `${hostPath} is outside the project directory, so it is not visible in the container`,
    );
  };
}

/** The StepRunner over the started container: commands through `devcontainer exec`, dispose() removes it. */
function runnerFor(
  session: Session,
  started: {
    containerId: string;
    remoteWorkspaceFolder: string;
    dockerVersion: string;
    devcontainerCliVersion: string;
  },
): ContainerRunner {
  const { workspace, docker, options, idLabel, scratch, builtImages } = session;
  const { containerId, remoteWorkspaceFolder } = started;
  let broken: string | undefined;
  let disposed = false;
  let platformInfo: Promise<RunnerPlatform> | undefined;
  const mapPath = pathMapper(workspace, remoteWorkspaceFolder, scratch);

  const exec = async (argv: readonly string[], opts: RunOptions) => {
    if (disposed)
      throw new ContainerError("container_failed", "the container runner was already disposed");
    if (broken !== undefined) throw new ContainerError("container_failed", broken);
    const marker = randomUUID();
    const env = forwardedEnv({ ...options.env, ...opts.env }, options.forwardEnv);
    const args = [
      "exec",
      ...session.common,
      "--id-label",
      idLabel,
      ...env.flatMap(([k, v]) => ["--remote-env", `${k}=${v}`]),
      "sh",
      "-c",
      WRAPPER,
      "ml-starter-verify",
      marker,
      mapPath(opts.cwd),
      ...argv,
    ];
    const result = await runDevcontainer(args, {
      timeoutMs: opts.timeoutMs,
      env: options.hostEnv,
      signal: opts.signal,
      // Killing `devcontainer exec` on the host does not stop the command in the container: kill it there first.
      onStop: async () => {
        if (await killMarkedProcesses(docker, containerId, RUN_MARKER, marker)) return;
        broken =
          "a step that was stopped could not be killed inside the container, so the container was removed";
        await removeContainersWithLabel(docker, idLabel);
      },
    });
    if (
      !result.timedOut &&
      !result.interrupted &&
      result.exitCode !== 0 &&
      !(await isRunning(docker, containerId))
    ) {
      broken = "the container stopped while a command was running in it";
      throw new ContainerError("container_failed", broken, { detail: tail(result.all) });
    }
    return result;
  };

  return {
    where: "container",
    idLabel,
    ...started,
    projectDir: remoteWorkspaceFolder,
    mapPath,

    async run(argv, opts): Promise<RawStepResult> {
      const result = await exec(argv, opts);
      return {
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        durationMs: result.durationMs,
        output: result.all,
        ...(result.interrupted ? { interrupted: true } : {}),
      };
    },

    async resolve(tool) {
      const result = await exec(["sh", "-c", 'command -v "$1"', "sh", tool], {
        cwd: workspace,
        env: {},
        timeoutMs: 60_000,
      });
      const found = result.stdout.trim().split(/\r?\n/)[0]?.trim();
      return result.exitCode === 0 && found !== undefined && found !== "" ? found : undefined;
    },

    platform() {
      platformInfo ??= (async () => {
        const result = await exec(["sh", "-c", "uname -s; uname -r; uname -m"], {
          cwd: workspace,
          env: {},
          timeoutMs: 60_000,
        });
        const parsed = result.exitCode === 0 ? parseUname(result.stdout) : undefined;
        if (parsed === undefined)
          throw new ContainerError("container_failed", "`uname` failed inside the container", {
            detail: tail(result.all),
          });
        return parsed;
      })();
      return platformInfo;
    },

    scratchDir() {
      return Promise.resolve({ host: scratch.host, runner: scratch.runner });
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      // Files the container wrote into the scratch mount may belong to its root: empty it from inside first.
      if (scratch.mount !== undefined && broken === undefined) {
        await dockerExec(
          docker,
          containerId,
          ["find", scratch.runner, "-mindepth", "1", "-delete"],
          "0",
        );
      }
      const left = await removeContainersWithLabel(docker, idLabel);
      if (options.removeImagesOnDispose === true) await removeImages(docker, builtImages);
      await rm(scratch.host, { recursive: true, force: true, maxRetries: 3 }).catch(
        () => undefined,
      );
      if (left.length > 0) {
        throw new ContainerError(
          "container_failed",
          `could not remove container(s) ${left.join(", ")} labelled ${idLabel}`,
          {
            hint: `docker rm -f $(docker ps -aq --filter label=${idLabel})`,
          },
        );
      }
    },
  };
}

/**
 * uv's own words when the devcontainer's `uv sync --locked` (onCreateCommand / updateContentCommand) refuses the
 * lock: reported as the lock failure it is, not as a broken container. uv.lock and pyproject.toml are untouched.
 */
function lifecycleLockFailure(
  raw: string,
): { code: ContainerErrorCode; message: string } | undefined {
  // The CLI relays output in chunks, each prefixed with a timestamp: undo that before matching uv's sentences.
  const log = raw.replace(/^\[[^\]\n]*\] ?/gm, "").replace(/\r?\n/g, "");
  if (/The lockfile at `uv\.lock` needs to be updated, but `--locked` was provided/.test(log)) {
    return {
      code: "lock_out_of_date",
      message:
        "uv.lock is out of date with pyproject.toml: the devcontainer's `uv sync --locked` refused it; run `uv lock` and commit uv.lock",
    };
  }
  if (/Unable to find lockfile at `uv\.lock`, but `--locked` was provided/.test(log)) {
    return {
      code: "lock_missing",
      message:
        "uv.lock is missing: the devcontainer's `uv sync --locked` needs it; run `uv lock` and commit uv.lock",
    };
  }
  return undefined;
}
