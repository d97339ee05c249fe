import path from "node:path";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdtemp, readdir, rename, rm, symlink } from "node:fs/promises";
import { execa } from "execa";
import { findBinary } from "./find-binary.js";

/** Bump when the recipe below changes: images and cached rootfs tarballs with another recipe are rebuilt. */
export const BASE_IMAGE_RECIPE = "2";
export const BASE_IMAGE_LABEL = "ml-starter.test-base";

const SUITE = "bookworm";
const MIRROR = "http://deb.debian.org/debian";
// libgomp1: the OpenMP runtime LightGBM's wheel loads (the official devcontainers/python image has it too).
const PACKAGES = ["python3", "python3-venv", "python3-pip", "ca-certificates", "git", "libgomp1"];
const CA_IN_IMAGE = "/etc/ssl/certs/ca-certificates.crt";

/** The host CA bundle copied into the image, so pip and uv inside trust the same (possibly intercepting) roots. */
export function hostCaBundle(): string | undefined {
  const candidates = [process.env.PIP_CERT, process.env.SSL_CERT_FILE, CA_IN_IMAGE];
  return candidates.find(
    (file): file is string => file !== undefined && file !== "" && existsSync(file),
  );
}

/** Identifies what the image is built from: the recipe version and the host CA bundle. */
export function baseImageKey(caBundle: string | undefined): string {
  const ca =
    caBundle === undefined
      ? "none"
      : createHash("sha256").update(readFileSync(caBundle)).digest("hex").slice(0, 12);
  return `${BASE_IMAGE_RECIPE}-${SUITE}-ca.${ca}`;
}

async function run(
  file: string,
  args: readonly string[],
  what: string,
  timeoutMs: number,
): Promise<void> {
  const result = await execa(file, args, {
    reject: false,
    all: true,
    timeout: timeoutMs,
    stdin: "ignore",
  });
  if (result.exitCode === 0) return;
  const tail = result.all.trimEnd().split("\n").slice(-5).join(" | ");
  const why = result.timedOut
    ? `timed out after ${timeoutMs / 1000} s`
    : `exit ${String(result.exitCode)}`;
  throw new Error(`${what} failed (${why}): ${tail}`);
}

/** debootstrap a minimal Debian with Python into a tarball (root only; ~45 s plus download). */
async function buildRootfsTarball(
  tarball: string,
  workDir: string,
  caBundle: string | undefined,
): Promise<void> {
  const debootstrap = findBinary("debootstrap");
  if (debootstrap === undefined)
    throw new Error("debootstrap is not installed (apt-get install debootstrap)");
  if (typeof process.getuid !== "function" || process.getuid() !== 0)
    throw new Error("debootstrap needs root");
  const rootfs = await mkdtemp(path.join(workDir, "rootfs-"));
  try {
    await run(
      debootstrap,
      ["--variant=minbase", `--include=${PACKAGES.join(",")}`, SUITE, rootfs, MIRROR],
      "debootstrap",
      20 * 60_000,
    );
    // pip and uv may install into the image's Python (PEP 668 marker removed), and `python` means python3.
    const lib = path.join(rootfs, "usr", "lib");
    for (const entry of await readdir(lib)) {
      if (entry.startsWith("python3"))
        await rm(path.join(lib, entry, "EXTERNALLY-MANAGED"), { force: true });
    }
    if (!existsSync(path.join(rootfs, "usr", "bin", "python")))
      await symlink("python3", path.join(rootfs, "usr", "bin", "python"));
    if (caBundle !== undefined) await copyFile(caBundle, path.join(rootfs, CA_IN_IMAGE));
    for (const dir of ["var/cache/apt/archives", "var/lib/apt/lists"]) {
      for (const entry of await readdir(path.join(rootfs, dir), { withFileTypes: true })) {
        if (entry.isFile()) await rm(path.join(rootfs, dir, entry.name), { force: true });
      }
    }
    const partial = `${tarball}.partial`;
    await run(
      "tar",
      ["--numeric-owner", "-C", rootfs, "-cf", partial, "."],
      "tar of the rootfs",
      10 * 60_000,
    );
    await rename(partial, tarball);
  } finally {
    await rm(rootfs, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * Builds `ref` (`registry/repo:tag`) from a cached rootfs tarball (debootstrapped when missing) and pushes it.
 * The image runs `sleep infinity`, has `python` on PATH and the host CA bundle in place.
 */
export async function buildAndPushBaseImage(
  docker: string,
  ref: string,
  workDir: string,
  log: (line: string) => void,
): Promise<void> {
  const caBundle = hostCaBundle();
  const key = baseImageKey(caBundle);
  const tarball = path.join(workDir, `rootfs-${key}.tar`);
  if (!existsSync(tarball)) {
    log(`debootstrapping a ${SUITE} rootfs with Python (about a minute; cached at ${tarball})`);
    await buildRootfsTarball(tarball, workDir, caBundle);
  }
  const changes = [
    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "ENV HOME=/root",
    "ENV LANG=C.UTF-8",
    `ENV SSL_CERT_FILE=${CA_IN_IMAGE}`,
    `ENV PIP_CERT=${CA_IN_IMAGE}`,
    `LABEL ${BASE_IMAGE_LABEL}=${key}`,
    'CMD ["sleep","infinity"]',
  ];
  log(`importing ${ref}`);
  await run(
    docker,
    ["import", ...changes.flatMap((c) => ["--change", c]), tarball, ref],
    "docker import",
    10 * 60_000,
  );
  log(`pushing ${ref}`);
  await run(docker, ["push", ref], "docker push", 10 * 60_000);
}
