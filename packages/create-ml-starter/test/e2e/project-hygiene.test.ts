// What a generated repository guarantees about git, line endings, secrets and portability.
import path from "node:path";
import { readFile, stat, writeFile } from "node:fs/promises";
import { tempDirWithSpaces, treeState, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRegistry } from "../../src/index.js";
import { BUILT_TEMPLATES, run, runBuiltCli } from "../built-cli.js";

const ids = (await loadRegistry(BUILT_TEMPLATES)).map((a) => a.manifest.id);
let tmp: TempDir;
let gitEnv: Record<string, string>;
beforeAll(async () => {
  tmp = await tempDirWithSpaces("hygiene");
  const config = path.join(tmp.path, "gitconfig");
  await writeFile(
    config,
    "[user]\n\tname = Hygiene Test\n\temail = hygiene@example.com\n[init]\n\tdefaultBranch = main\n",
  );
  gitEnv = { GIT_CONFIG_GLOBAL: config };
});
afterAll(async () => tmp.cleanup());

describe.each(ids)("a generated %s repository", (id) => {
  let project: string;
  let files: string[];
  beforeAll(async () => {
    project = path.join(tmp.path, `${id}-project`);
    const result = await runBuiltCli([project, "-a", id, "--no-install", "--no-interactive"], {
      env: gitEnv,
    });
    expect(result.exitCode, result.all).toBe(0);
    files = Object.entries(await treeState(project))
      .filter(([rel, kind]) => kind.startsWith("file") && !rel.startsWith(".git/"))
      .map(([rel]) => rel);
  });

  it("ignores credentials and data in git and in the Docker build context", async () => {
    const secrets = [
      "kaggle.json",
      "access_token",
      ".env",
      ".env.local",
      ".kaggle/kaggle.json",
      "data/raw/x.csv",
      "data/synthetic/train.csv",
      "outputs/metrics.json",
      "key.pem",
    ];
    for (const p of secrets) {
      const check = await run("git", ["check-ignore", "--no-index", "-q", p], {
        cwd: project,
        env: gitEnv,
      });
      expect(check.exitCode, `${p} must be git-ignored`).toBe(0);
    }
    const kept = await run("git", ["check-ignore", "--no-index", "-q", ".env.example"], {
      cwd: project,
      env: gitEnv,
    });
    expect(kept.exitCode, ".env.example stays tracked").toBe(1);
    const dockerignore = (await readFile(path.join(project, ".dockerignore"), "utf8")).split("\n");
    for (const entry of ["kaggle.json", "access_token", ".kaggle/", ".env", "data/", "*.pem"])
      expect(dockerignore).toContain(entry);
  });

  it("keeps LF through a clone with core.autocrlf=true, and CSVs as binary-exact", async () => {
    const clone = path.join(tmp.path, `${id}-clone`);
    const cloned = await run("git", ["-c", "core.autocrlf=true", "clone", "-q", project, clone], {
      env: gitEnv,
    });
    expect(cloned.exitCode, cloned.all).toBe(0);
    const eol = await run("git", ["-c", "core.autocrlf=true", "ls-files", "--eol"], {
      cwd: clone,
      env: gitEnv,
    });
    for (const line of eol.stdout.trim().split("\n")) {
      expect(line, line).toMatch(/^i\/(lf|none|-text)\s+w\/(lf|none|-text)\s/);
    }
    const attr = await run("git", ["check-attr", "text", "--", "data/synthetic/train.csv"], {
      cwd: clone,
      env: gitEnv,
    });
    expect(attr.stdout).toMatch(/text: unset/);
  });

  it("needs no exec bits, shebangs, shell scripts, or a top-level `import kaggle`", async () => {
    for (const rel of files) {
      const mode = (await stat(path.join(project, rel))).mode;
      expect(mode & 0o111, `${rel} must not be executable`).toBe(0);
      expect(rel, "no shell scripts in generated projects").not.toMatch(/\.(sh|bash|ps1|bat|cmd)$/);
      const text = await readFile(path.join(project, rel), "utf8");
      expect(text.startsWith("#!"), `${rel} must not rely on a shebang`).toBe(false);
      if (rel.endsWith(".py"))
        expect(text, `${rel} imports kaggle at module level`).not.toMatch(
          /^(import kaggle|from kaggle)\b/m,
        );
    }
  });

  it("committed everything in one first commit, leaving a clean tree", async () => {
    const log = await run("git", ["log", "--format=%s"], { cwd: project, env: gitEnv });
    expect(log.stdout.trim()).toBe("Initial commit from create-ml-starter");
    const tracked = (await run("git", ["ls-files"], { cwd: project, env: gitEnv })).stdout
      .trim()
      .split("\n")
      .sort();
    expect(tracked).toEqual([...files].sort());
  });
});
