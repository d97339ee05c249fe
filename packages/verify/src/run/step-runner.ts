/** What one command produced, wherever it ran. `exitCode` is null when the process was killed or never started. */
export interface RawStepResult {
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** stdout and stderr interleaved, decoded as UTF-8. */
  output: string;
  /** True when the run was cut short by `opts.signal` (the process tree was killed). */
  interrupted?: boolean;
}

export interface RunOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Aborting kills the whole process tree and resolves with `interrupted: true`. */
  signal?: AbortSignal;
}

/** Where the platform fields of the report come from (the container's OS in container mode). */
export interface RunnerPlatform {
  os: string;
  osRelease: string;
  arch: string;
}

/**
 * The seam between the verifier and the place commands run. Host mode spawns on this machine; container mode
 * (src/container/) runs the same argv inside the devcontainer. Every command the verifier needs, including the
 * fingerprint probes, goes through `run`.
 */
export interface StepRunner {
  where: "host" | "container";
  /** Absolute path (or name inside the container) of a tool, or undefined when missing. */
  resolve(tool: string): Promise<string | undefined>;
  run(argv: readonly string[], opts: RunOptions): Promise<RawStepResult>;
  dispose(): Promise<void>;
  /** OS, release and architecture of the place commands run; defaults to this Node process's. */
  platform?(): Promise<RunnerPlatform>;
  /**
   * A scratch directory both the verifier (host path) and the commands (runner path) can see, outside the
   * project; `{junitxml}` is written there. Defaults to a host temp dir used as is.
   */
  scratchDir?(): Promise<{ host: string; runner: string }>;
  /** The project directory as the commands see it (for masking it in output tails); defaults to the host path. */
  projectDir?: string;
}

/** Options passed by the CLI to `createContainerRunner(dir, options)` from `./container/index.js`. */
export interface ContainerRunnerOptions {
  /** The fixed child environment the verifier built (secrets still in it: forward only what steps need). */
  env: Record<string, string>;
  /** One human-readable progress line (already safe to print: the caller redacts). */
  log: (line: string) => void;
  debug: boolean;
  /** `--trust`: allow devcontainer settings that reach into the host. */
  trust?: boolean;
  signal?: AbortSignal;
}

export type ContainerRunnerFactory = (
  dir: string,
  options: ContainerRunnerOptions,
) => Promise<StepRunner>;
