import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { run, type RunResult } from "@ml-starter/test-utils";
import type { Options } from "execa";

export { run, type RunResult };

/** The built bin, exactly as `npx @ml-starter/create` runs it. */
export const BUILT_CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
/** The templates copied into the package by the build (what the bin and the tarball ship). */
export const BUILT_TEMPLATES = fileURLToPath(new URL("../templates/", import.meta.url));

/** The verifier's built bin (a devDependency: the scaffolder itself never runs it). */
const verifyPackageJson = createRequire(import.meta.url).resolve("@ml-starter/verify/package.json");
const verifyBin = (
  JSON.parse(readFileSync(verifyPackageJson, "utf8")) as { bin: Record<string, string> }
).bin;
/** Read from its `bin`, so a move of the verifier's entry cannot leave this path stale. */
export const BUILT_VERIFY_CLI = path.join(
  path.dirname(verifyPackageJson),
  verifyBin["ml-starter-verify"] ?? "",
);

export function runBuiltVerify(args: readonly string[], options: Options = {}): Promise<RunResult> {
  return run(process.execPath, [BUILT_VERIFY_CLI, ...args], options);
}

export function runBuiltCli(args: readonly string[], options: Options = {}): Promise<RunResult> {
  return run(process.execPath, [BUILT_CLI, ...args], options);
}
