import path from "node:path";
import { execa } from "execa";
import { logTail, startDetached } from "./background.js";
import { findBinary } from "./find-binary.js";

export type EngineStatus =
  { ok: true; serverVersion: string; started: boolean } | { ok: false; reason: string };

type Probe = { ok: true; serverVersion: string } | { ok: false; reason: string };

/** `docker info` answered: the server version, or why not (one line). */
export async function probeEngine(docker: string): Promise<Probe> {
  const result = await execa(docker, ["info", "--format", "{{.ServerVersion}}"], {
    reject: false,
    timeout: 20_000,
    stdin: "ignore",
  });
  const version = result.stdout.trim();
  if (result.exitCode === 0 && version !== "" && !version.startsWith("<no value>"))
    return { ok: true, serverVersion: version };
  const why = result.timedOut
    ? "`docker info` timed out"
    : (result.stderr
        .trim()
        .split("\n")
        .find((l) => l.trim() !== "") ?? `docker info exited ${String(result.exitCode)}`);
  return { ok: false, reason: why };
}

/**
 * Makes sure a Docker engine answers. When none does and we are root with `dockerd` installed, starts one in the
 * background (log in `workDir`) and waits up to `startTimeoutMs`.
 */
export async function ensureEngine(
  docker: string,
  workDir: string,
  startTimeoutMs = 30_000,
): Promise<EngineStatus> {
  const first = await probeEngine(docker);
  if (first.ok) return { ...first, started: false };
  const dockerd = findBinary("dockerd");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const remote = process.env.DOCKER_HOST !== undefined && process.env.DOCKER_HOST !== "";
  if (dockerd === undefined || !isRoot || remote) {
    const how = remote
      ? "DOCKER_HOST points elsewhere, so a local dockerd would not help"
      : dockerd === undefined
        ? "dockerd is not installed"
        : "not root, so dockerd cannot be started here";
    return { ok: false, reason: `no Docker engine answers (${first.reason}); ${how}` };
  }
  const log = path.join(workDir, "dockerd.log");
  startDetached(dockerd, [], log);
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const probe = await probeEngine(docker);
    if (probe.ok) return { ...probe, started: true };
    if (Date.now() > deadline) break;
  }
  return {
    ok: false,
    reason: `started ${dockerd} but it did not answer within ${startTimeoutMs / 1000} s: ${logTail(log)}`,
  };
}
