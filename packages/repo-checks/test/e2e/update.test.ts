// `update` and `check-update` as users run them, against a real registry: v1 is the built scaffolder,
// v2 a copy of it with a template change (a changed workflow line, a new dev dependency, a TOML key moved
// by a migration), both published to Verdaccio on 127.0.0.1. A project generated at v1 and edited by its
// user (a new module, `uv add`, a changed parameter, an edit of the line v2 also changes) is updated to v2.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { UpdateReportSchema } from "@ml-starter/schema";
import { publishPackages, run, tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_PACKAGE_DIR } from "../lib/paths.js";
import { startRegistry, type Registry } from "../lib/registry.js";

const V1 = (
  JSON.parse(await readFile(path.join(CREATE_PACKAGE_DIR, "package.json"), "utf8")) as {
    version: string;
  }
).version;
const V2 = `${V1.split(".")[0]}.${Number(V1.split(".")[1]) + 1}.0`;
const NAME = "demo";
const CRON_V1 = '- cron: "29 5 * * 2"';
const CRON_V2 = '- cron: "17 4 * * 1"';
const CRON_USER = '- cron: "0 6 * * 3"';
const DEV_V1 = 'dev = ["pytest==9.2.0", "ruff==0.17.5"]';
const DEV_V2 = 'dev = ["pytest==9.2.0", "pytest-timeout==2.4.0", "ruff==0.17.5"]';
const EXIT = { conflicts: 4, updateAvailable: 10, usage: 2 };

let tmp: TempDir;
let registry: Registry;
let env: Record<string, string>;
let project: string;

const edit = async (file: string, from: string, to: string) => {
  const text = await readFile(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} lacks ${from}`);
  await writeFile(file, text.replace(from, to));
};
const npx = (spec: string, args: string[]) =>
  run("npx", ["--yes", spec, ...args], { cwd: project, env, timeout: 300_000 });
const git = (...args: string[]) => run("git", args, { cwd: project, env });

/** v2: the v1 tarball unpacked, its version bumped (package.json and the bundle's inlined copy), templates changed. */
async function makeV2(v1Tarball: string, work: string): Promise<string> {
  const dir = path.join(work, "v2");
  await mkdir(dir, { recursive: true });
  const untar = await run("tar", ["-xzf", v1Tarball, "-C", dir]);
  if (untar.exitCode !== 0) throw new Error(untar.all);
  const pkg = path.join(dir, "package");
  const versionLine = (v: string) => `"name": "@ml-starter/create",\n  "version": "${v}"`;
  const chunks = path.join(pkg, "dist", "chunks");
  let bumped = 0;
  for (const file of [
    path.join(pkg, "package.json"),
    ...(await readdir(chunks)).map((f) => path.join(chunks, f)),
  ]) {
    const text = await readFile(file, "utf8");
    if (text.includes(versionLine(V1))) {
      await writeFile(file, text.split(versionLine(V1)).join(versionLine(V2)));
      bumped++;
    }
  }
  if (bumped < 2)
    throw new Error(`expected the version in package.json and the bundle, bumped ${bumped}`);
  const templates = path.join(pkg, "templates");
  await edit(
    path.join(templates, "_shared", "_github", "workflows", "verify.yml"),
    CRON_V1,
    CRON_V2,
  );
  const pyproject = path.join(templates, "_tabular", "pyproject.toml.hbs");
  await edit(pyproject, DEV_V1, DEV_V2);
  // The moved key: `preview` from [tool.ruff.lint] to [tool.ruff] (both valid for ruff), with its migration.
  await edit(pyproject, "preview = true\n", "");
  await edit(pyproject, "[tool.ruff]\n", "[tool.ruff]\npreview = true\n");
  await edit(
    path.join(templates, "classification", "template.json"),
    `"version": "${V1}"`,
    `"version": "${V2}"`,
  );
  const migration = {
    version: V2,
    description: "ruff's preview moves to [tool.ruff]",
    steps: [
      {
        kind: "move-toml-key",
        file: "pyproject.toml",
        key: "preview",
        from: "tool.ruff.lint",
        to: "tool.ruff",
      },
    ],
  };
  await writeFile(path.join(pkg, "migrations.json"), `${JSON.stringify([migration], null, 2)}\n`);
  return pkg;
}

beforeAll(async () => {
  tmp = await tempDirWithSpaces("update e2e");
  registry = await startRegistry(path.join(tmp.path, "verdaccio"));
  const gitconfig = path.join(tmp.path, "gitconfig");
  await writeFile(
    gitconfig,
    "[user]\n\tname = Tester\n\temail = tester@example.invalid\n[init]\n\tdefaultBranch = main\n",
  );
  env = {
    npm_config_registry: registry.url,
    npm_config_userconfig: registry.npmrc,
    npm_config_cache: path.join(tmp.path, "npm cache"),
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: "1",
  };
  const [v1Tarball] = await publishPackages(registry, [CREATE_PACKAGE_DIR], tmp.path);
  if (!v1Tarball) throw new Error("nothing packed");
  const v2 = await makeV2(v1Tarball, tmp.path);
  const published = await run(
    "npm",
    ["publish", v2, "--userconfig", registry.npmrc, "--registry", registry.url],
    {
      env: { npm_config_cache: path.join(tmp.path, "publish cache") },
    },
  );
  if (published.exitCode !== 0) throw new Error(published.all);

  project = path.join(tmp.path, NAME);
  const created = await run(
    "npx",
    [
      "--yes",
      `@ml-starter/create@${V1}`,
      NAME,
      "--archetype",
      "classification",
      "--no-install",
      "--no-interactive",
    ],
    {
      cwd: tmp.path,
      env,
      timeout: 300_000,
    },
  );
  if (created.exitCode !== 0) throw new Error(created.all);
  // The user's edits, committed.
  await writeFile(
    path.join(project, "src", NAME, "my_features.py"),
    '"""My features."""\n\n\ndef ratio(a: float, b: float) -> float:\n    return a / b if b else 0.0\n',
  );
  await edit(path.join(project, "pyproject.toml"), "line-length = 100", "line-length = 110");
  await edit(path.join(project, ".github", "workflows", "verify.yml"), CRON_V1, CRON_USER);
  const added = await run("uv", ["add", "--python", "3.11", "tomlkit==0.15.2"], {
    cwd: project,
    env,
    timeout: 300_000,
  });
  if (added.exitCode !== 0) throw new Error(added.all);
  await git("add", "-A");
  await git("commit", "-qm", "My edits");
}, 900_000);

afterAll(async () => {
  await registry?.stop();
  await tmp?.cleanup();
});

describe("update from v1 to v2 through the registry", () => {
  it("check-update: 0 for the project's own version, the documented code when a newer one exists", async () => {
    expect((await npx(`@ml-starter/create@${V1}`, ["check-update"])).exitCode).toBe(0);
    const latest = await npx("@ml-starter/create@latest", ["check-update"]);
    expect(latest.exitCode, latest.all).toBe(EXIT.updateAvailable);
    expect(latest.stdout).toContain(`${V1} → ${V2}`);
  });

  it("refuses a dirty tree and changes nothing", async () => {
    const readme = path.join(project, "README.md");
    const before = await readFile(readme, "utf8");
    await writeFile(readme, `${before}\nlocal note\n`);
    const refused = await npx("@ml-starter/create@latest", ["update"]);
    expect(refused.exitCode, refused.all).toBe(EXIT.usage);
    expect(refused.stderr).toContain("README.md");
    expect((await git("status", "--porcelain")).stdout.trim()).toBe("M README.md");
    await writeFile(readme, before);
  });

  it("--dry-run --json: the plan, valid against the shipped schema, and nothing written", async () => {
    const dry = await npx("@ml-starter/create@latest", ["update", "--dry-run", "--json"]);
    expect(dry.exitCode, dry.all).toBe(0);
    const report = UpdateReportSchema.parse(JSON.parse(dry.stdout));
    expect(report).toMatchObject({
      from: V1,
      to: V2,
      dryRun: true,
      upToDate: false,
      conflicts: 1,
      sources: { base: "registry", target: "installed" },
    });
    expect(report.files).toContainEqual({
      path: ".github/workflows/verify.yml",
      action: "conflict",
      reason: "both-changed",
    });
    expect(report.files).toContainEqual({ path: "pyproject.toml", action: "merge" });
    expect(report.migrations).toHaveLength(1);
    // Offline, the base is the project's first commit (the pristine v1 render): the same plan.
    const offline = await npx("@ml-starter/create@latest", [
      "update",
      "--dry-run",
      "--json",
      "--offline",
    ]);
    expect(offline.exitCode, offline.all).toBe(0);
    const offlineReport = UpdateReportSchema.parse(JSON.parse(offline.stdout));
    expect(offlineReport.sources).toEqual({ base: "first-commit", target: "installed" });
    expect(offlineReport.files).toEqual(report.files);
    expect((await git("status", "--porcelain")).stdout.trim()).toBe("");
  });

  it("update --to v2: user edits kept, template changes and the migration applied, one conflict staged", async () => {
    const updated = await npx(`@ml-starter/create@${V1}`, ["update", "--to", V2]);
    expect(updated.exitCode, updated.all).toBe(EXIT.conflicts);
    expect(updated.stdout).toContain("1 conflict(s)");
    expect(updated.stdout).toContain("registry package");
    const pyproject = await readFile(path.join(project, "pyproject.toml"), "utf8");
    expect(pyproject).toContain(DEV_V2); // template: new dependency
    expect(pyproject).toContain('"tomlkit==0.15.2"'); // user: uv add
    expect(pyproject).toContain("line-length = 110"); // user: changed parameter
    expect(pyproject).toMatch(/\[tool\.ruff\]\npreview = true\n/); // migration
    expect(pyproject.match(/^preview = true$/gm)).toHaveLength(1);
    expect(existsSync(path.join(project, "src", NAME, "my_features.py"))).toBe(true);
    const projectFile = JSON.parse(
      await readFile(path.join(project, "ml-starter.json"), "utf8"),
    ) as { generator: { version: string } };
    expect(projectFile.generator.version).toBe(V2);
    const workflow = await readFile(
      path.join(project, ".github", "workflows", "verify.yml"),
      "utf8",
    );
    expect(workflow).toMatch(
      new RegExp(
        `<<<<<<< yours\\n\\s*${escape(CRON_USER)}\\n=======\\n\\s*${escape(CRON_V2)}\\n>>>>>>> template ${V2}`,
      ),
    );
    const unmerged = (await git("ls-files", "-u")).stdout.trim().split("\n");
    expect(unmerged.map((l) => l.split(/\s+/)[2])).toEqual(["1", "2", "3"]);
    expect(unmerged.every((l) => l.endsWith("\t.github/workflows/verify.yml"))).toBe(true);
    const lock = await readFile(path.join(project, "uv.lock"), "utf8");
    expect(lock).toContain('name = "pytest-timeout"');
    expect(lock).toContain('name = "tomlkit"');
    const leftovers = (await git("status", "--porcelain", "--untracked-files=all")).stdout;
    expect(leftovers).not.toMatch(/\.(rej|orig)$/m);
  });

  it("after resolving: uv lock --check and the project's tests pass, and check-update is 0", async () => {
    const file = path.join(project, ".github", "workflows", "verify.yml");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/<<<<<<< yours\n.*\n=======\n(.*\n)>>>>>>> .*\n/, "$1"));
    await git("add", "-A");
    expect((await git("commit", "-qm", `Update to ${V2}`)).exitCode).toBe(0);
    const check = await run("uv", ["lock", "--check"], { cwd: project, env });
    expect(check.exitCode, check.all).toBe(0);
    const tests = await run(
      "uv",
      ["run", "--locked", "--python", "3.11", "pytest", "-q", "-p", "no:cacheprovider"],
      { cwd: project, env, timeout: 600_000 },
    );
    expect(tests.exitCode, tests.all).toBe(0);
    expect((await npx("@ml-starter/create@latest", ["check-update"])).exitCode).toBe(0);
    const again = await npx("@ml-starter/create@latest", ["update", "--json"]);
    expect(again.exitCode, again.all).toBe(0);
    expect(UpdateReportSchema.parse(JSON.parse(again.stdout))).toMatchObject({
      upToDate: true,
      files: [],
    });
    const back = await npx(`@ml-starter/create@${V1}`, ["update"]);
    expect(back.exitCode, back.all).toBe(EXIT.usage);
    expect(back.stderr).toContain("never goes back");
    expect((await git("status", "--porcelain")).stdout.trim()).toBe("");
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
