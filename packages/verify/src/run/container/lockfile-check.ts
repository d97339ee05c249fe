import path from "node:path";
import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";
import { InputRefusedError, readRegularText } from "../../read/safe-read.js";
import { ContainerError } from "./errors.js";

export interface DevcontainerFiles {
  /** Absolute path of the devcontainer.json the CLI will use. */
  config: string;
  /** Absolute path of its lockfile (`.devcontainer-lock.json` when the config's name starts with a dot). */
  lockfile: string;
}

const UPGRADE_HINT = "run `devcontainer upgrade --workspace-folder .` and commit the lockfile";

async function readIfExists(root: string, file: string): Promise<string | undefined> {
  const label = path.relative(root, file).split(path.sep).join("/");
  try {
    return (await readRegularText(file, { label, root })) ?? undefined;
  } catch (error) {
    if (error instanceof InputRefusedError)
      throw new ContainerError("container_failed", error.message);
    throw error;
  }
}

function parseJsonc(text: string, rel: string): unknown {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true }) as unknown;
  const first = errors[0];
  if (first !== undefined) {
    throw new ContainerError(
      "container_failed",
      `${rel} is not valid JSON(C): ${printParseErrorCode(first.error)} at offset ${first.offset}`,
    );
  }
  return value;
}

function featureIds(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return [];
  const features = (value as { features?: unknown }).features;
  return typeof features === "object" && features !== null ? Object.keys(features).sort() : [];
}

/** The devcontainer config the CLI will use (`.devcontainer/devcontainer.json`, else `.devcontainer.json`). */
export async function locateDevcontainerConfig(
  projectDir: string,
): Promise<{ config: string; text: string } | undefined> {
  for (const config of [
    path.join(projectDir, ".devcontainer", "devcontainer.json"),
    path.join(projectDir, ".devcontainer.json"),
  ]) {
    const text = await readIfExists(projectDir, config);
    if (text !== undefined) return { config, text };
  }
  return undefined;
}

/**
 * Finds the devcontainer config the CLI will use and checks its committed lockfile names exactly the config's
 * Features. `devcontainer build --frozen-lockfile` checks versions and integrity, but only when the config has
 * Features at all; with none it accepts a stale or missing lockfile, so that case is checked here.
 */
export async function checkDevcontainerLockfile(projectDir: string): Promise<DevcontainerFiles> {
  const rel = (file: string) => path.relative(projectDir, file).split(path.sep).join("/");
  const { config, text: configText } = (await locateDevcontainerConfig(projectDir)) ?? {};
  if (config === undefined || configText === undefined) {
    throw new ContainerError(
      "container_failed",
      "no devcontainer configuration: .devcontainer/devcontainer.json does not exist",
      {
        hint: "container mode runs the project's own devcontainer; regenerate it with @ml-starter/create",
      },
    );
  }
  const lockfile = path.join(
    path.dirname(config),
    path.basename(config).startsWith(".") ? ".devcontainer-lock.json" : "devcontainer-lock.json",
  );
  const wanted = featureIds(parseJsonc(configText, rel(config)));
  const lockText = await readIfExists(projectDir, lockfile);
  if (lockText === undefined) {
    throw new ContainerError(
      "container_failed",
      `${rel(lockfile)} does not exist (devcontainer build --frozen-lockfile needs it)`,
      {
        hint: UPGRADE_HINT,
      },
    );
  }
  if (lockText.trim() === "") {
    throw new ContainerError(
      "container_failed",
      `${rel(lockfile)} is empty (a marker to create it on the next build), so it pins nothing`,
      {
        hint: UPGRADE_HINT,
      },
    );
  }
  const locked = featureIds(parseJsonc(lockText, rel(lockfile)));
  const missing = wanted.filter((id) => !locked.includes(id));
  const extra = locked.filter((id) => !wanted.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      ...(missing.length > 0 ? [`not locked: ${missing.join(", ")}`] : []),
      ...(extra.length > 0 ? [`locked but not in ${rel(config)}: ${extra.join(", ")}`] : []),
    ];
    throw new ContainerError(
      "container_failed",
      `${rel(lockfile)} does not match ${rel(config)} (${parts.join("; ")})`,
      {
        hint: UPGRADE_HINT,
      },
    );
  }
  return { config, lockfile };
}
