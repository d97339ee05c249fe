import path from "node:path";
import { writeFileSync } from "node:fs";
import { logTail, startDetached, waitFor } from "./background.js";
import { findBinary } from "./find-binary.js";

const MANIFEST_TYPES = [
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
].join(", ");

export type RegistryStatus = { ok: true; started: boolean } | { ok: false; reason: string };

async function get(url: string, init: RequestInit = {}): Promise<Response | undefined> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch {
    return undefined;
  }
}

/** True when a Docker registry (API v2) answers at `host` (e.g. `127.0.0.1:5000`). */
export async function registryAnswers(host: string): Promise<boolean> {
  const res = await get(`http://${host}/v2/`);
  return (
    res?.status === 200 && res.headers.get("docker-distribution-api-version") === "registry/2.0"
  );
}

/**
 * Makes sure a registry answers on `host`. If not, starts `docker-registry serve` (Debian's `docker-registry`
 * package) with a config in `workDir` and filesystem storage there, so pushed images survive later runs.
 */
export async function ensureRegistry(
  host: string,
  workDir: string,
  startTimeoutMs = 15_000,
): Promise<RegistryStatus> {
  if (await registryAnswers(host)) return { ok: true, started: false };
  const binary = findBinary("docker-registry");
  if (binary === undefined) {
    return {
      ok: false,
      reason: `no registry answers on ${host} and docker-registry is not installed (apt-get install docker-registry)`,
    };
  }
  const config = path.join(workDir, "registry.yml");
  const storage = path.join(workDir, "registry-data");
  writeFileSync(
    config,
    [
      "version: 0.1",
      "log:",
      "  level: warn",
      "storage:",
      "  filesystem:",
      `    rootdirectory: ${JSON.stringify(storage)}`,
      "  delete:",
      "    enabled: true",
      "http:",
      `  addr: ${host}`,
      "",
    ].join("\n"),
  );
  const log = path.join(workDir, "registry.log");
  startDetached(binary, ["serve", config], log);
  if (await waitFor(() => registryAnswers(host), startTimeoutMs, 250))
    return { ok: true, started: true };
  return { ok: false, reason: `started ${binary} but ${host} did not answer: ${logTail(log)}` };
}

export interface RemoteImage {
  /** `sha256:<hex>` of the manifest, as `image@sha256:…` references it. */
  digest: string;
  labels: Record<string, string>;
}

/** The manifest digest and config labels of `repository:tag` in the registry at `host`, or undefined if absent. */
export async function remoteImage(
  host: string,
  repository: string,
  tag: string,
): Promise<RemoteImage | undefined> {
  const res = await get(`http://${host}/v2/${repository}/manifests/${tag}`, {
    headers: { Accept: MANIFEST_TYPES },
  });
  if (res?.status !== 200) return undefined;
  const digest = res.headers.get("docker-content-digest");
  const manifest = (await res.json()) as { config?: { digest?: string } };
  if (
    digest === null ||
    !/^sha256:[0-9a-f]{64}$/.test(digest) ||
    manifest.config?.digest === undefined
  )
    return undefined;
  const blob = await get(`http://${host}/v2/${repository}/blobs/${manifest.config.digest}`);
  if (blob?.status !== 200) return undefined;
  const config = (await blob.json()) as { config?: { Labels?: Record<string, string> | null } };
  return { digest, labels: config.config?.Labels ?? {} };
}
