import path from "node:path";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ContainerError } from "./errors.js";
import { runTree, type TreeOptions, type TreeResult } from "./process-tree.js";

export interface DevcontainerCli {
  /** Absolute path of the CLI's JS entry (run with this Node, never through a shell or a .cmd shim). */
  entry: string;
  version: string;
}

let located: DevcontainerCli | undefined;

/** Finds the @devcontainers/cli this package depends on, via its package.json `bin`. */
export function locateDevcontainerCli(): DevcontainerCli {
  if (located !== undefined) return located;
  try {
    const require = createRequire(import.meta.url);
    const manifestPath = require.resolve("@devcontainers/cli/package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      version?: string;
      bin?: string | Record<string, string>;
    };
    const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.devcontainer;
    if (bin === undefined) throw new Error("its package.json has no `devcontainer` bin");
    located = {
      entry: path.resolve(path.dirname(manifestPath), bin),
      version: manifest.version ?? "unknown",
    };
    return located;
  } catch (error) {
    throw new ContainerError("container_failed", "@devcontainers/cli could not be located", {
      hint: "reinstall @ml-starter/verify (it depends on @devcontainers/cli)",
      cause: error,
    });
  }
}

/** Runs `devcontainer <args…>` with the current Node executable. */
export function runDevcontainer(
  args: readonly string[],
  options: TreeOptions,
): Promise<TreeResult> {
  const cli = locateDevcontainerCli();
  return runTree(process.execPath, [cli.entry, ...args], options);
}

export interface CliOutcome {
  outcome: string;
  message?: string;
  description?: string;
  containerId?: string;
  remoteWorkspaceFolder?: string;
  remoteUser?: string;
  imageName?: string[];
}

/** The one JSON result line `build` and `up` print on stdout (the last line that parses with an `outcome`). */
export function parseOutcome(stdout: string): CliOutcome | undefined {
  const lines = stdout.split(/\r?\n/).reverse();
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) continue;
    try {
      const value = JSON.parse(trimmed) as unknown;
      if (
        typeof value === "object" &&
        value !== null &&
        typeof (value as { outcome?: unknown }).outcome === "string"
      ) {
        return value as CliOutcome;
      }
    } catch {
      // Not the result line.
    }
  }
  return undefined;
}

/** The last `n` non-empty lines of a log, for error details. */
export function tail(text: string, n = 20): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .slice(-n)
    .join("\n");
}
