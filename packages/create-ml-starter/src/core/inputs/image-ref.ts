import { MlStarterError } from "../errors.js";

// registry[:port]/path[:tag]@sha256:<64 hex> (the distribution reference grammar, digest required).
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
// Docker reads the first segment as a registry only when it has a `.` or a port, or is `localhost`; otherwise
// it is a repository path component, which must be lower case (`Devcontainers/python` is refused, not a host).
const DOMAIN = `(?:(?:${LABEL}(?:\\.${LABEL})+(?::[0-9]+)?|${LABEL}:[0-9]+|localhost)/)?`;
const REFERENCE = new RegExp(
  `^${DOMAIN}${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?@sha256:[0-9a-f]{64}$`,
);

/**
 * A devcontainer base image must be pinned by digest: a tag can be moved, a digest cannot. Organisations with
 * a registry mirror pass their own reference (`mirror.example.com/devcontainers/python:3.11@sha256:…`).
 */
export function checkImageReference(ref: string): string {
  if (REFERENCE.test(ref)) return ref;
  const unpinned = !ref.includes("@sha256:");
  throw new MlStarterError(
    "INVALID_IMAGE",
    unpinned
      ? `Devcontainer image ${JSON.stringify(ref)} is not pinned by digest.`
      : `Devcontainer image ${JSON.stringify(ref)} is not a valid image reference.`,
    {
      hint: "use registry/name[:tag]@sha256:<64 hex>; `docker buildx imagetools inspect <ref>` prints the index digest",
    },
  );
}
