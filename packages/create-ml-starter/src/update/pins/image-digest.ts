import { MlStarterError } from "../../core/errors.js";
import { pinsMessages } from "../messages.js";

/** An image reference split for the distribution API: `registry/name:tag@sha256:…`. */
export interface ImageRef {
  registry: string;
  name: string;
  tag: string;
  digest: string | undefined;
}

// Index first: one digest covers every platform (the template pins the index, see devcontainer.json).
const ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

/** Splits a reference; refs without a registry host or a tag cannot be refreshed by tag. */
export function parseImageRef(ref: string): ImageRef {
  const [named = "", digest] = ref.split("@");
  const slash = named.indexOf("/");
  const host = slash > 0 ? named.slice(0, slash) : "";
  if (!(host.includes(".") || host.includes(":") || host === "localhost"))
    throw new MlStarterError("INVALID_IMAGE", pinsMessages.noRegistry(ref), {
      hint: pinsMessages.imageHint,
    });
  const rest = named.slice(slash + 1);
  const colon = rest.lastIndexOf(":");
  if (colon < 0)
    throw new MlStarterError("INVALID_IMAGE", pinsMessages.noTag(ref), {
      hint: pinsMessages.imageHint,
    });
  return { registry: host, name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
}

export function formatImageRef(ref: ImageRef, digest: string): string {
  return `${ref.registry}/${ref.name}:${ref.tag}@${digest}`;
}

// Docker's own rule: only a loopback registry is spoken to over plain HTTP.
const baseUrl = (registry: string) =>
  /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(registry)
    ? `http://${registry}`
    : `https://${registry}`;

/** Parses `Bearer realm="…",service="…",scope="…"` (the distribution token challenge). */
export function parseChallenge(header: string): Record<string, string> | undefined {
  if (!/^bearer\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) params[match[1]!] = match[2]!;
  return params.realm ? params : undefined;
}

async function anonymousToken(challenge: Record<string, string>, ref: ImageRef) {
  const url = new URL(challenge.realm!);
  if (challenge.service) url.searchParams.set("service", challenge.service);
  url.searchParams.set("scope", challenge.scope ?? `repository:${ref.name}:pull`);
  const response = await fetch(url);
  if (!response.ok)
    throw new MlStarterError(
      "UPDATE_SOURCE_UNAVAILABLE",
      pinsMessages.tokenFailed(response.status),
    );
  const body = (await response.json()) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  if (!token) throw new MlStarterError("UPDATE_SOURCE_UNAVAILABLE", pinsMessages.tokenFailed(200));
  return token;
}

/** The current digest of `ref`'s tag: HEAD /v2/<name>/manifests/<tag>, anonymous token when challenged. */
export async function currentDigest(ref: ImageRef): Promise<string> {
  const url = `${baseUrl(ref.registry)}/v2/${ref.name}/manifests/${encodeURIComponent(ref.tag)}`;
  const head = (auth?: string) =>
    fetch(url, {
      method: "HEAD",
      headers: { Accept: ACCEPT, ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
    }).catch((error: unknown) => {
      throw new MlStarterError(
        "UPDATE_SOURCE_UNAVAILABLE",
        pinsMessages.unreachable(ref.registry, (error as Error).message),
      );
    });
  let response = await head();
  if (response.status === 401) {
    const challenge = parseChallenge(response.headers.get("www-authenticate") ?? "");
    if (challenge) response = await head(await anonymousToken(challenge, ref));
  }
  if (response.status === 404)
    throw new MlStarterError("UPDATE_SOURCE_UNAVAILABLE", pinsMessages.tagMissing(ref), {
      hint: pinsMessages.tagMissingHint,
    });
  if (!response.ok)
    throw new MlStarterError(
      "UPDATE_SOURCE_UNAVAILABLE",
      pinsMessages.registryStatus(ref, response.status),
    );
  const digest = response.headers.get("docker-content-digest");
  if (!digest || !/^sha256:[0-9a-f]{64}$/.test(digest))
    throw new MlStarterError("UPDATE_SOURCE_UNAVAILABLE", pinsMessages.noDigest(ref));
  return digest;
}
