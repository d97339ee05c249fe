// What users type, against a real registry: our packages published to Verdaccio on 127.0.0.1, then
// `npm create @ml-starter@latest`, `pnpm create @ml-starter` and `npx @ml-starter/create` with empty
// caches, and inside the project the verifier exactly as the generated verify.yml runs it.
import { readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { publishPackages, run, tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestOf } from "../lib/manifest.js";
import { REPO_ROOT, SHARED_GITHUB_DIR } from "../lib/paths.js";
import { startRegistry, type Registry } from "../lib/registry.js";
import { readTree } from "../lib/tree-lint.js";

const PUBLISHED = ["schema", "verify", "create-ml-starter"];
const FLAGS = ["--archetype", "classification", "--no-interactive", "--no-install", "--no-git"];
const NAME = "demo-starter";

let tmp: TempDir;
let registry: Registry;
let env: Record<string, string>;

/** The verifier step of the generated workflow, as an argv (it is one plain command). */
function verifyCommandFromWorkflow(): string[] {
  const wf = parse(
    readFileSync(path.join(SHARED_GITHUB_DIR, "workflows", "verify.yml"), "utf8"),
  ) as {
    jobs: Record<string, { steps: { name?: string; run?: string }[] }>;
  };
  const step = Object.values(wf.jobs)
    .flatMap((j) => j.steps)
    .find((s) => s.name === "Verify");
  const argv = step?.run?.trim().split(/\s+/);
  if (!argv || argv[0] !== "npx") throw new Error("verify.yml has no `npx …` Verify step");
  return argv;
}

beforeAll(async () => {
  tmp = await tempDirWithSpaces("registry e2e");
  registry = await startRegistry(path.join(tmp.path, "verdaccio"));
  await publishPackages(
    registry,
    PUBLISHED.map((pkg) => path.join(REPO_ROOT, "packages", pkg)),
    tmp.path,
  );
  // Empty caches and our registry only: what a new user on a fresh machine gets.
  env = {
    npm_config_registry: registry.url,
    npm_config_userconfig: registry.npmrc,
    npm_config_cache: path.join(tmp.path, "npm cache"),
    npm_config_cache_dir: path.join(tmp.path, "pnpm cache"),
    npm_config_store_dir: path.join(tmp.path, "pnpm store"),
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
  };
}, 900_000);

afterAll(async () => {
  await registry?.stop();
  await tmp?.cleanup();
});

describe("published to a real registry", () => {
  const commands: [string, string, string[]][] = [
    [
      "npm create @ml-starter@latest",
      "npm",
      ["create", "@ml-starter@latest", NAME, "--", ...FLAGS],
    ],
    ["pnpm create @ml-starter", "pnpm", ["create", "@ml-starter", NAME, ...FLAGS]],
    ["npx @ml-starter/create", "npx", ["--yes", "@ml-starter/create", NAME, ...FLAGS]],
  ];
  const dirs = new Map<string, string>();

  it.each(commands)("`%s` generates the project", async (label, file, args) => {
    const parent = path.join(tmp.path, `via ${file}`);
    await mkdir(parent);
    const r = await run(file, args, { cwd: parent, env, timeout: 300_000 });
    expect(r.exitCode, `${label}:\n${r.all}`).toBe(0);
    expect(r.stdout).toContain(`Created`);
    dirs.set(label, path.join(parent, NAME));
    expect(
      JSON.parse(await readFile(path.join(parent, NAME, "ml-starter.json"), "utf8")),
    ).toMatchObject({
      generator: { name: "@ml-starter/create" },
    });
  });

  it("all three commands write the same bytes", async () => {
    const trees = await Promise.all(
      commands.map(async ([label]) => manifestOf(await readTree(dirs.get(label)!))),
    );
    expect(trees[0]!.length).toBeGreaterThan(20);
    expect(trees[1]).toEqual(trees[0]);
    expect(trees[2]).toEqual(trees[0]);
  });

  it("the verifier, run exactly as the generated verify.yml runs it, passes in the project", async () => {
    const [file, ...args] = verifyCommandFromWorkflow();
    expect(args.join(" ")).toMatch(/^--yes @ml-starter\/verify@\d+\.\d+\.\d+ /);
    const cwd = dirs.get("npx @ml-starter/create")!;
    const r = await run(file!, args, { cwd, env, timeout: 900_000 });
    expect(r.exitCode, r.all).toBe(0);
    const report = JSON.parse(await readFile(path.join(cwd, "verify-report.json"), "utf8")) as {
      outcome: string;
      tool: { name: string };
      steps: { id: string; status: string }[];
    };
    expect(report.outcome).toBe("success");
    expect(report.tool.name).toBe("@ml-starter/verify");
    expect(report.steps.length).toBeGreaterThan(5);
    expect(report.steps.filter((s) => s.status !== "passed")).toEqual([]);
  }, 900_000);

  it("stops Verdaccio and leaves no process behind", async () => {
    const pid = registry.pid;
    await registry.stop();
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});
