import { resolveTool } from "@ml-starter/fs-utils";

export interface PostStepResult {
  step: "git" | "install";
  /** `failed` and `interrupted` make the CLI exit non-zero; the generated files themselves are complete. */
  status: "done" | "skipped" | "failed" | "interrupted";
  /** What happened, or the command to run by hand. */
  detail: string;
}

const UV_INSTALL_HINT =
  "install uv 0.13.8 (https://docs.astral.sh/uv/getting-started/installation/ or `pipx install uv==0.13.8`), then run `uv sync --locked`";

async function run(file: string, args: string[], cwd: string, signal: AbortSignal | undefined) {
  // Loaded here, not at the top: with --no-git --no-install a scaffold never starts a process.
  const { execa } = await import("execa");
  return execa(file, args, {
    cwd,
    reject: false,
    all: true,
    stdin: "ignore",
    windowsHide: true,
    ...(signal ? { cancelSignal: signal } : {}),
  });
}

const interrupted = (step: PostStepResult["step"], detail: string): PostStepResult => ({
  step,
  status: "interrupted",
  detail,
});

/** `git init` (unless a repo exists), then one commit when the user has a git identity. Only ever adds. */
export async function initGit(
  dir: string,
  hadGit: boolean,
  signal?: AbortSignal,
): Promise<PostStepResult> {
  const stopped = () =>
    interrupted(
      "git",
      "interrupted during git: the files are complete, the repository may have no commit yet (run `git status`)",
    );
  const git = resolveTool("git");
  if (!git)
    return {
      step: "git",
      status: "skipped",
      detail: "git not found on PATH; run `git init` later",
    };
  if (!hadGit) {
    const init = await run(git, ["init", "--quiet"], dir, signal);
    if (init.isCanceled) return stopped();
    if (init.exitCode !== 0)
      return { step: "git", status: "failed", detail: `git init failed: ${init.all ?? ""}`.trim() };
  }
  const email = await run(git, ["config", "user.email"], dir, signal);
  if (email.isCanceled) return stopped();
  if (email.exitCode !== 0 || String(email.stdout).trim() === "") {
    return {
      step: "git",
      status: "skipped",
      detail:
        "repository initialised; no git identity configured, so no commit was made (set user.name and user.email, then commit)",
    };
  }
  const add = await run(git, ["add", "--all"], dir, signal);
  const commit =
    add.exitCode === 0
      ? await run(
          git,
          ["commit", "--quiet", "--no-verify", "-m", "Initial commit from create-ml-starter"],
          dir,
          signal,
        )
      : add;
  if (commit.isCanceled) return stopped();
  if (commit.exitCode !== 0)
    return {
      step: "git",
      status: "failed",
      detail: `git commit failed: ${commit.all ?? ""}`.trim(),
    };
  return { step: "git", status: "done", detail: "initialised a git repository with one commit" };
}

/** `uv sync --locked` when uv is on PATH; a missing uv is advice, not a failure. */
export async function installWithUv(dir: string, signal?: AbortSignal): Promise<PostStepResult> {
  const uv = resolveTool("uv");
  if (!uv)
    return {
      step: "install",
      status: "skipped",
      detail: `uv not found on PATH: ${UV_INSTALL_HINT}`,
    };
  const sync = await run(uv, ["sync", "--locked"], dir, signal);
  if (sync.isCanceled) {
    return interrupted(
      "install",
      "interrupted during `uv sync --locked`: the files are complete, the environment is not; run `uv sync --locked`",
    );
  }
  if (sync.exitCode !== 0) {
    const tail = String(sync.all ?? "")
      .trim()
      .split("\n")
      .slice(-3)
      .join(" | ");
    return {
      step: "install",
      status: "failed",
      detail: `uv sync --locked failed (${tail}); fix the cause, then run it again`,
    };
  }
  return {
    step: "install",
    status: "done",
    detail: "installed the locked environment with `uv sync --locked`",
  };
}
