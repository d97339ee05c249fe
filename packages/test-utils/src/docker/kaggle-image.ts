import path from "node:path";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { execa } from "execa";
import { ensureContainerEnvironment } from "./environment.js";

/** Bump when the recipe below changes: images with another recipe are rebuilt. */
const KAGGLE_IMAGE_RECIPE = "1";
const REPOSITORY = "ml-starter/kaggle-python";
/**
 * Kaggle's image runs CPython 3.12; Debian bookworm's python3 is 3.11 and trixie's 3.13, so the host's pyenv
 * 3.12 (built against bookworm's glibc 2.36, the base image's) is copied in at the same path: its RUNPATH
 * points at its own lib folder.
 */
export const KAGGLE_PYTHON_HOME = process.env.ML_STARTER_PY312 ?? "/root/.pyenv/versions/3.12.1";

export type KaggleImage = { available: true; image: string } | { available: false; reason: string };

async function docker(args: readonly string[], inputFile?: string): Promise<string> {
  const options = { reject: false, all: true, timeout: 10 * 60_000 } as const;
  const result =
    inputFile === undefined
      ? await execa("docker", args, { ...options, stdin: "ignore" })
      : await execa("docker", args, { ...options, inputFile });
  if (result.exitCode !== 0) {
    const tail = result.all.trim().split("\n").slice(-3).join(" | ");
    throw new Error(`docker ${args[0] ?? ""} failed: ${tail}`);
  }
  return result.stdout.trim();
}

/**
 * The container tests' base image plus a CPython 3.12 on PATH, tagged by a hash of its inputs (base digest,
 * interpreter binary, recipe) so one build serves every later run. Never throws.
 */
export async function ensureKaggleImage(
  workDir: string,
  log: (line: string) => void = () => undefined,
): Promise<KaggleImage> {
  const env = await ensureContainerEnvironment({ log });
  if (!env.available) return env;
  const binary = path.join(KAGGLE_PYTHON_HOME, "bin", "python3.12");
  if (!existsSync(binary))
    return {
      available: false,
      reason: `no CPython 3.12 at ${KAGGLE_PYTHON_HOME} (set ML_STARTER_PY312)`,
    };
  const hash = createHash("sha256")
    .update(`${KAGGLE_IMAGE_RECIPE}\n${env.imageRef}\n`)
    .update(readFileSync(binary))
    .digest("hex")
    .slice(0, 16);
  const image = `${REPOSITORY}:3.12-${hash}`;
  try {
    const present = await execa("docker", ["image", "inspect", image], {
      reject: false,
      stdin: "ignore",
    });
    if (present.exitCode === 0) return { available: true, image };
    log(`building ${image} (base + ${KAGGLE_PYTHON_HOME})`);
    const tarball = path.join(workDir, `python312-${hash}.tar`);
    await execa("tar", ["-C", "/", "-cf", tarball, path.relative("/", KAGGLE_PYTHON_HOME)], {
      stdin: "ignore",
    });
    const id = await docker(["create", env.imageRef]);
    try {
      await docker(["cp", "-", `${id}:/`], tarball);
      const bin = path.posix.join(KAGGLE_PYTHON_HOME, "bin");
      await docker([
        "commit",
        "--change",
        `ENV PATH=${bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
        id,
        image,
      ]);
    } finally {
      await docker(["rm", "-f", id]);
      await rm(tarball, { force: true });
    }
    return { available: true, image };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
