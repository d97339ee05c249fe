// `pnpm demo`: scaffold a classification project outside the repo with the built CLI, then verify it
// (uv lock --check, uv sync --locked, ruff, pytest, synthetic data, baselines) and print where the report is.
// Usage: pnpm demo [parent-dir]   (default: a new temp dir whose path has a space)
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The two published bins, as `npx @ml-starter/create` and `npx @ml-starter/verify` run them.
const bins = {
  "create-ml-starter": fileURLToPath(
    new URL("../packages/create-ml-starter/dist/cli.js", import.meta.url),
  ),
  "ml-starter-verify": fileURLToPath(
    new URL("../packages/verify/dist/cli/cli.js", import.meta.url),
  ),
};
const parent = process.argv[2]
  ? path.resolve(process.argv[2])
  : mkdtempSync(path.join(tmpdir(), "ml-starter demo "));
const target = path.join(parent, "titanic-starter");

function step(bin, args) {
  console.log(`\n$ ${bin} ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
  const result = spawnSync(process.execPath, [bins[bin], ...args], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step("create-ml-starter", [target, "--archetype", "classification", "--no-interactive"]);
step("ml-starter-verify", [target]);
console.log(
  `\nDemo project: ${target}\nReport: ${path.join(target, "outputs", "verify", "report.json")}`,
);
