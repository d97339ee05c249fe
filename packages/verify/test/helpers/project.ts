import { chmod, cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ProjectFile } from "@ml-starter/schema";
import { tempDirWithSpaces } from "@ml-starter/test-utils";
import { onTestFinished } from "vitest";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
export const FIXTURE_PROJECT = path.join(FIXTURES, "project");
/** A tiny fixture executable under test/fixtures/steps. */
export const stepScript = (name: string) => path.join(FIXTURES, "steps", name);

type Plan = ProjectFile["verify"];
type Step = Plan["steps"][number];

export const NODE_TOOL = {
  name: "node",
  minVersion: "18.0.0",
  required: true,
  hint: "install Node.js 20 or newer",
};

/** A manifest step running one of the fixture scripts with node. */
export function nodeStep(
  id: string,
  script: string,
  args: readonly string[] = [],
  extra: Partial<Step> = {},
): Step {
  return {
    id,
    title: id,
    role: "other",
    run: ["node", stepScript(script), ...args],
    timeoutMs: 30_000,
    ...extra,
  };
}

/** A fresh temp dir (spaces in its path, outside the repo), removed when the test finishes. */
export async function testdir(label = "verify test"): Promise<string> {
  const dir = await tempDirWithSpaces(label);
  onTestFinished(() => dir.cleanup());
  return dir.path;
}

export interface ProjectOptions {
  /** Copy the fixture's pinned devcontainer and .gitattributes (default true). */
  devcontainer?: boolean;
  /** Copy the fixture's pyproject.toml, uv.lock and .python-version (default false). */
  python?: boolean;
}

/** Writes ml-starter.json with this plan (tools default to node) into dir, plus the fixture's static files. */
export async function writeProject(
  dir: string,
  plan: Partial<Plan> & Pick<Plan, "steps">,
  options: ProjectOptions = {},
) {
  const file: ProjectFile = {
    schemaVersion: 1,
    generator: { name: "create-ml-starter", version: "0.0.0-test" },
    template: { id: "fixture", version: "0.0.1" },
    answers: {
      projectName: "fixture",
      distName: "fixture",
      importName: "fixture",
      description: "A test project.",
      devcontainerImage: "example.org/python@sha256:" + "0".repeat(64),
    },
    verify: {
      tools: [NODE_TOOL],
      outputs: [],
      metrics: { file: "outputs/metrics.json", tolerances: [], margins: [] },
      ...plan,
    },
  };
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "ml-starter.json"), `${JSON.stringify(file, null, 2)}\n`);
  if (options.devcontainer !== false) {
    await cp(path.join(FIXTURE_PROJECT, ".devcontainer"), path.join(dir, ".devcontainer"), {
      recursive: true,
    });
    await cp(path.join(FIXTURE_PROJECT, ".gitattributes"), path.join(dir, ".gitattributes"));
  }
  if (options.python) {
    for (const f of ["pyproject.toml", "uv.lock", ".python-version"])
      await cp(path.join(FIXTURE_PROJECT, f), path.join(dir, f));
  }
}

/** A bin dir holding a `uv` that runs test/fixtures/steps/fake-uv.mjs (a .cmd shim on Windows). */
export async function fakeUvBin(dir: string): Promise<string> {
  const bin = path.join(dir, "fake bin");
  await mkdir(bin, { recursive: true });
  const script = stepScript("fake-uv.mjs");
  if (process.platform === "win32") {
    await writeFile(path.join(bin, "uv.cmd"), `@"${process.execPath}" "${script}" %*\r\n`);
  } else {
    await writeFile(
      path.join(bin, "uv"),
      `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`,
    );
    await chmod(path.join(bin, "uv"), 0o755);
  }
  return bin;
}

/** A minimal environment: PATH = the given dirs + node's dir (nothing else from this machine leaks in). */
export function envWith(
  dirs: readonly string[],
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: [...dirs, path.dirname(process.execPath)].join(path.delimiter),
    ...extra,
  };
  for (const keep of ["SystemRoot", "TEMP", "TMP", "HOME", "USERPROFILE"]) {
    const value = process.env[keep];
    if (value !== undefined && env[keep] === undefined) env[keep] = value;
  }
  return env;
}

export async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, "utf8")) as unknown;
}
