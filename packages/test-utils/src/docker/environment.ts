import os from "node:os";
import path from "node:path";
import { existsSync, mkdirSync } from "node:fs";
import { execa } from "execa";
import {
  BASE_IMAGE_LABEL,
  baseImageKey,
  buildAndPushBaseImage,
  hostCaBundle,
} from "./base-image.js";
import { ensureEngine } from "./engine.js";
import { findBinary } from "./find-binary.js";
import { withDirLock } from "./lock.js";
import { ensureRegistry, remoteImage } from "./registry.js";

export type ContainerEnvironment =
  | {
      available: true;
      /** `127.0.0.1:5000/ml-starter/python:3.11-bookworm@sha256:<digest>`: pass to `--devcontainer-image`. */
      imageRef: string;
      dockerVersion: string;
      /** What this call had to do: e.g. ["dockerd", "registry", "image"]. */
      started: string[];
    }
  | { available: false; reason: string };

export interface ContainerEnvironmentOptions {
  /** Registry address; must be one Docker allows without TLS (127.0.0.1 and localhost are). */
  registry?: string;
  repository?: string;
  tag?: string;
  /** Daemon logs, registry storage, the lock and the cached rootfs tarball live here. */
  workDir?: string;
  /** The docker CLI; default: $ML_STARTER_DOCKER, else `docker` on PATH. */
  dockerPath?: string;
  /** Progress lines (a cold build takes about a minute). */
  log?: (line: string) => void;
}

const DEFAULTS = {
  registry: "127.0.0.1:5000",
  repository: "ml-starter/python",
  tag: "3.11-bookworm",
};

const memo = new Map<string, Promise<ContainerEnvironment>>();

/**
 * Makes a Docker engine, a local registry and a digest-pinned Debian + Python base image available for the
 * container tests, starting and building only what is missing (idempotent; a warm call takes well under a
 * second). Never throws: when something cannot be provided, says why in `reason`.
 */
export function ensureContainerEnvironment(
  options: ContainerEnvironmentOptions = {},
): Promise<ContainerEnvironment> {
  const key = JSON.stringify(options, (k, v: unknown) => (k === "log" ? undefined : v));
  let pending = memo.get(key);
  if (pending === undefined) {
    pending = prepare(options).catch((error: unknown) => ({
      available: false as const,
      reason: error instanceof Error ? error.message : String(error),
    }));
    memo.set(key, pending);
  }
  return pending;
}

async function prepare(options: ContainerEnvironmentOptions): Promise<ContainerEnvironment> {
  const registry = options.registry ?? DEFAULTS.registry;
  const repository = options.repository ?? DEFAULTS.repository;
  const tag = options.tag ?? DEFAULTS.tag;
  const workDir = options.workDir ?? path.join(os.tmpdir(), "ml-starter-docker");
  const log = options.log ?? (() => undefined);
  mkdirSync(workDir, { recursive: true });

  // ML_STARTER_DOCKER picks another docker CLI (a path that does not exist simulates a machine without Docker).
  const docker =
    options.dockerPath ?? nonEmpty(process.env.ML_STARTER_DOCKER) ?? findBinary("docker");
  if (docker === undefined || !existsSync(docker)) {
    return {
      available: false,
      reason: `the docker CLI is not installed (${docker ?? "docker not on PATH"}; apt-get install docker.io)`,
    };
  }
  const started: string[] = [];

  return withDirLock(workDir, 30 * 60_000, async () => {
    const engine = await ensureEngine(docker, workDir);
    if (!engine.ok) return { available: false, reason: engine.reason };
    if (engine.started) started.push("dockerd");

    const reg = await ensureRegistry(registry, workDir);
    if (!reg.ok) return { available: false, reason: reg.reason };
    if (reg.started) started.push("registry");

    const wanted = baseImageKey(hostCaBundle());
    const ref = `${registry}/${repository}:${tag}`;
    let image = await remoteImage(registry, repository, tag);
    if (image?.labels[BASE_IMAGE_LABEL] !== wanted) {
      if (await localImageMatches(docker, ref, wanted)) {
        log(`pushing the existing local ${ref}`);
        await pushOrThrow(docker, ref);
      } else {
        await buildAndPushBaseImage(docker, ref, workDir, log);
      }
      started.push("image");
      image = await remoteImage(registry, repository, tag);
      if (image === undefined)
        return { available: false, reason: `pushed ${ref} but the registry does not list it` };
    }
    return {
      available: true,
      imageRef: `${ref}@${image.digest}`,
      dockerVersion: engine.serverVersion,
      started,
    };
  });
}

async function localImageMatches(docker: string, ref: string, wanted: string): Promise<boolean> {
  const result = await execa(
    docker,
    ["image", "inspect", "--format", `{{index .Config.Labels "${BASE_IMAGE_LABEL}"}}`, ref],
    {
      reject: false,
      stdin: "ignore",
      timeout: 30_000,
    },
  );
  return result.exitCode === 0 && result.stdout.trim() === wanted;
}

async function pushOrThrow(docker: string, ref: string): Promise<void> {
  const result = await execa(docker, ["push", ref], {
    reject: false,
    all: true,
    stdin: "ignore",
    timeout: 10 * 60_000,
  });
  if (result.exitCode !== 0)
    throw new Error(
      `docker push ${ref} failed: ${result.all.trim().split("\n").slice(-3).join(" | ")}`,
    );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
