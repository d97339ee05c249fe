import { execa } from "execa";
import { ContainerError } from "./errors.js";

export interface DockerContext {
  docker: string;
  env: Readonly<Record<string, string | undefined>> | undefined;
}

function dockerCall(ctx: DockerContext, args: readonly string[], timeoutMs: number) {
  return execa(ctx.docker, args, {
    reject: false,
    stdin: "ignore",
    timeout: timeoutMs,
    windowsHide: true,
    ...(ctx.env !== undefined ? { env: ctx.env, extendEnv: false } : {}),
  });
}

const INSTALL_HINT =
  "install Docker (https://docs.docker.com/engine/install/), or verify on the host without --container";

/** Checks that the Docker CLI exists and an engine answers; returns the server version. */
export async function checkDocker(ctx: DockerContext): Promise<string> {
  const result = await dockerCall(ctx, ["version", "--format", "{{.Server.Version}}"], 30_000);
  const version = result.stdout.trim();
  if (result.exitCode === 0 && version !== "") return version;
  if (result.exitCode === undefined && !result.timedOut) {
    throw new ContainerError("docker_unavailable", `Docker CLI not found (${ctx.docker})`, {
      hint: INSTALL_HINT,
    });
  }
  const why = result.timedOut
    ? "`docker version` timed out"
    : (result.stderr.split(/\r?\n/).find((l) => l.trim() !== "") ??
      `docker version exited ${String(result.exitCode)}`);
  throw new ContainerError("docker_unavailable", `Docker engine not reachable: ${why.trim()}`, {
    hint: "start Docker (Docker Desktop, `systemctl start docker`, or `dockerd` as root) and retry",
  });
}

/** Ids of all containers (running or not) carrying `label` (`key=value`). */
export async function containersWithLabel(ctx: DockerContext, label: string): Promise<string[]> {
  const result = await dockerCall(
    ctx,
    ["ps", "-aq", "--no-trunc", "--filter", `label=${label}`],
    60_000,
  );
  if (result.exitCode !== 0) return [];
  return result.stdout.split(/\s+/).filter(Boolean);
}

/** Force-removes every container carrying `label`, with its anonymous volumes. Returns what is left (ideally []). */
export async function removeContainersWithLabel(
  ctx: DockerContext,
  label: string,
): Promise<string[]> {
  const ids = await containersWithLabel(ctx, label);
  if (ids.length > 0) await dockerCall(ctx, ["rm", "-f", "-v", ...ids], 120_000);
  return ids.length > 0 ? containersWithLabel(ctx, label) : [];
}

export async function isRunning(ctx: DockerContext, containerId: string): Promise<boolean> {
  const result = await dockerCall(
    ctx,
    ["inspect", "--format", "{{.State.Running}}", containerId],
    30_000,
  );
  return result.exitCode === 0 && result.stdout.trim() === "true";
}

// Kills, inside the container, every process whose environment carries the run's marker: the command, its
// children, and daemons that left its process group. Prints how many it signalled. POSIX sh + tr + grep only.
const KILL_MARKED = [
  'n=0; for d in /proc/[0-9]*; do p="${d#/proc/}"; [ "$p" = "$$" ] && continue;',
  'if tr "\\000" "\\n" < "$d/environ" 2>/dev/null | grep -qx "$1=$2"; then kill -9 "$p" 2>/dev/null && n=$((n+1)); fi;',
  'done; echo "$n"',
].join(" ");

/**
 * Kills the processes of one run inside the container, then checks none is left. Returns false when that
 * could not be confirmed (the caller then removes the container).
 */
export async function killMarkedProcesses(
  ctx: DockerContext,
  containerId: string,
  name: string,
  value: string,
): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    // As root (uid 0): only root may read and signal every process, whatever user the step ran as.
    const result = await dockerCall(
      ctx,
      ["exec", "-u", "0", containerId, "sh", "-c", KILL_MARKED, "sh", name, value],
      30_000,
    );
    if (result.exitCode !== 0) return false;
    if (result.stdout.trim() === "0") return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** Removes images by name (`devcontainer build` tags `vsc-…` images); failures are ignored. */
export async function removeImages(ctx: DockerContext, names: readonly string[]): Promise<void> {
  if (names.length > 0) await dockerCall(ctx, ["image", "rm", ...names], 120_000);
}

/** `docker exec [-u user] <container> argv…`; returns the exit code (null when docker itself failed or timed out). */
export async function dockerExec(
  ctx: DockerContext,
  containerId: string,
  argv: readonly string[],
  user?: string,
): Promise<number | null> {
  const result = await dockerCall(
    ctx,
    ["exec", ...(user !== undefined ? ["-u", user] : []), containerId, ...argv],
    120_000,
  );
  return typeof result.exitCode === "number" ? result.exitCode : null;
}
