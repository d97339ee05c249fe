import path from "node:path";
import { readFile, readdir, mkdir, rm, stat, writeFile, symlink } from "node:fs/promises";
import { ProjectFileSchema } from "@ml-starter/schema";
import { run, tempDirWithSpaces, treeState, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createProject, loadRegistry, MlStarterError } from "../../src/index.js";
import { planFiles } from "../../src/core/template/plan-files.js";
import { REPO_CATALOG, REPO_TEMPLATES } from "../repo-templates.js";

const ids = (await loadRegistry(REPO_TEMPLATES)).map((a) => a.manifest.id);
const base = {
  templatesRoot: REPO_TEMPLATES,
  catalogRoot: REPO_CATALOG,
  git: false,
  install: false,
} as const;

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("create project");
});
afterEach(async () => tmp.cleanup());

async function errorOf(promise: Promise<unknown>): Promise<MlStarterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MlStarterError);
  return error as MlStarterError;
}

describe.each(ids)("createProject(%s)", (id) => {
  it("generates exactly the expected files, fully rendered", async () => {
    const result = await createProject({
      ...base,
      archetype: id,
      targetDir: path.join(tmp.path, "my proj dir", "demo-project"),
    });
    expect(result.names).toEqual({
      projectName: "demo-project",
      distName: "demo-project",
      importName: "demo_project",
    });
    await expect(`${result.files.join("\n")}\n`).toMatchFileSnapshot(
      `__snapshots__/${id}.files.txt`,
    );
    const { dir, manifest } = (await loadRegistry(REPO_TEMPLATES)).find(
      (a) => a.manifest.id === id,
    )!;
    for (const file of await planFiles(
      REPO_TEMPLATES,
      dir,
      "demo_project",
      manifest.extends,
      manifest.pick,
    )) {
      const generated = await readFile(path.join(result.targetDir, file.output));
      if (file.render) {
        // `${{ … }}` is GitHub Actions syntax; any other `{{` is a placeholder left behind.
        expect(generated.toString("utf8").replace(/\$\{\{/g, ""), file.output).not.toContain("{{");
      } else if (file.output === "APPROACHES.md" && result.competition) {
        // The one copied file that is rewritten: the competition's section follows the template's text.
        const text = generated.toString("utf8");
        expect(text.startsWith((await readFile(file.source, "utf8")).trimEnd())).toBe(true);
        expect(text).toContain(`## This competition: ${result.competition.profile.title}`);
      } else {
        expect(
          generated.equals(await readFile(file.source)),
          `${file.output} is copied byte for byte`,
        ).toBe(true);
      }
    }
    const projectFile = ProjectFileSchema.parse(
      JSON.parse(await readFile(path.join(result.targetDir, "ml-starter.json"), "utf8")),
    );
    expect(projectFile.template.id).toBe(id);
    expect(JSON.stringify(projectFile.verify.steps)).not.toContain("{package}");
    expect(JSON.stringify(projectFile.verify.steps)).toContain('"demo_project"');
  });
});

describe("createProject competition profiles", () => {
  it("writes the archetype's canonical catalog profile as competition.toml", async () => {
    const result = await createProject({
      ...base,
      archetype: "classification",
      targetDir: path.join(tmp.path, "titanic"),
    });
    expect(result.competition?.slug).toBe("titanic");
    expect(await readFile(path.join(result.targetDir, "competition.toml"), "utf8")).toBe(
      result.competition?.profileToml,
    );
    expect(result.files).toContain("competition.toml");
  });

  it("writes a requested entry's profile and its approaches into APPROACHES.md, after the template's text", async () => {
    const result = await createProject({
      ...base,
      archetype: "classification",
      competition: "spaceship-titanic",
      targetDir: path.join(tmp.path, "space"),
    });
    expect(result.competition?.slug).toBe("spaceship-titanic");
    expect(await readFile(path.join(result.targetDir, "competition.toml"), "utf8")).toBe(
      result.competition?.profileToml,
    );
    const approaches = await readFile(path.join(result.targetDir, "APPROACHES.md"), "utf8");
    const template = await readFile(
      path.join(REPO_TEMPLATES, "classification", "APPROACHES.md"),
      "utf8",
    );
    expect(approaches.startsWith(template.trimEnd())).toBe(true);
    expect(approaches).toMatch(/^## This competition: Spaceship Titanic \(/m);
    expect(approaches.endsWith(`${result.competition?.listing.approaches.trim() ?? "?"}\n`)).toBe(
      true,
    );
    expect(approaches.match(/^## This competition/gm)).toHaveLength(1);
  });

  it.each([
    ["no-such-competition", "UNKNOWN_COMPETITION", /^--list shows the catalog$/],
    ["spaceship", "UNKNOWN_COMPETITION", /^did you mean "spaceship-titanic"\?$/],
    ["house-prices-advanced-regression-techniques", "INVALID_OPTION", /use --archetype regression/],
  ])("refuses %s for classification, writing nothing", async (competition, code, hint) => {
    const before = await treeState(tmp.path);
    const error = await errorOf(
      createProject({
        ...base,
        archetype: "classification",
        competition,
        targetDir: path.join(tmp.path, "x"),
      }),
    );
    expect(error.code).toBe(code);
    expect(error.exitCode).toBe(2);
    expect(error.hint).toMatch(hint);
    expect(await treeState(tmp.path)).toEqual(before);
  });
});

describe("createProject safety", () => {
  const archetype = ids[0] ?? "classification";

  it.each([
    ["ENOSPC", "DISK_ERROR", 3],
    ["EACCES", "PERMISSION_DENIED", 3],
    ["EIO", "GENERATOR_FAILED", 1],
  ])(
    "%s after k files leaves no target, no staging and no created parents",
    async (errno, code, exitCode) => {
      // Once with a parent the run must create (and remove again), once with an existing parent.
      for (const [parent, k] of [
        [path.join(tmp.path, "new parent"), 1],
        [path.join(tmp.path, "new parent"), 7],
        [tmp.path, 1],
        [tmp.path, 3],
      ] as const) {
        const error = await errorOf(
          createProject({
            ...base,
            archetype,
            targetDir: path.join(parent, "proj"),
            onFileWritten: (count) => {
              if (count === k)
                throw Object.assign(new Error(`${errno}: simulated`), { code: errno });
            },
          }),
        );
        expect(error.code).toBe(code);
        expect(error.exitCode).toBe(exitCode);
        expect(await readdir(tmp.path)).toEqual([]);
      }
    },
  );

  it("a failure removes only its staging and the parents it created that are still empty", async () => {
    // Another run (or the user) adds to a parent this run created: that content must survive the failure.
    const outer = path.join(tmp.path, "new outer");
    const inner = path.join(outer, "new inner");
    const error = await errorOf(
      createProject({
        ...base,
        archetype,
        targetDir: path.join(inner, "proj"),
        onFileWritten: async (count) => {
          if (count !== 2) return;
          await mkdir(path.join(outer, "sibling project", "src"), { recursive: true });
          await writeFile(
            path.join(outer, "sibling project", "src", "model.py"),
            "finished elsewhere\n",
          );
          await writeFile(path.join(outer, "notes.txt"), "the user's file\n");
          throw Object.assign(new Error("EIO: simulated"), { code: "EIO" });
        },
      }),
    );
    expect(error.code).toBe("GENERATOR_FAILED");
    expect(await readdir(tmp.path)).toEqual(["new outer"]);
    expect((await readdir(outer)).sort()).toEqual(["notes.txt", "sibling project"]);
    expect(await readFile(path.join(outer, "sibling project", "src", "model.py"), "utf8")).toBe(
      "finished elsewhere\n",
    );
    expect(await readFile(path.join(outer, "notes.txt"), "utf8")).toBe("the user's file\n");
  });

  it("refuses a non-empty target and changes nothing", async () => {
    const target = path.join(tmp.path, "existing");
    await mkdir(target);
    await writeFile(path.join(target, "notes.txt"), "keep me");
    const before = await treeState(tmp.path);
    const error = await errorOf(createProject({ ...base, archetype, targetDir: target }));
    expect(error.code).toBe("TARGET_NOT_EMPTY");
    expect(error.message).toContain("notes.txt");
    expect(await treeState(tmp.path)).toEqual(before);
  });

  it("fills a directory that holds only .git, keeping it", async () => {
    const target = path.join(tmp.path, "cloned-repo");
    await mkdir(path.join(target, ".git"), { recursive: true });
    await writeFile(path.join(target, ".git", "HEAD"), "ref: refs/heads/main\n");
    const result = await createProject({ ...base, archetype, targetDir: target });
    expect(await readFile(path.join(target, ".git", "HEAD"), "utf8")).toBe(
      "ref: refs/heads/main\n",
    );
    const topLevel = new Set(result.files.map((f) => f.split("/")[0]));
    expect((await readdir(target)).sort()).toEqual([".git", ...topLevel].sort());
    expect((await readdir(tmp.path)).sort()).toEqual(["cloned-repo"]);
  });

  it("refuses a .git-only target whose repository has commits, changing nothing", async () => {
    const target = path.join(tmp.path, "old-repo");
    await mkdir(target);
    const git = (...args: string[]) =>
      run(
        "git",
        [
          "-c",
          "user.name=Test",
          "-c",
          "user.email=test@example.invalid",
          "-c",
          "commit.gpgsign=false",
          ...args,
        ],
        {
          cwd: target,
        },
      );
    await git("init", "--quiet");
    await writeFile(path.join(target, "notes.md"), "tracked\n");
    await git("add", "notes.md");
    expect((await git("commit", "--quiet", "-m", "history")).exitCode).toBe(0);
    await rm(path.join(target, "notes.md"));
    const before = await treeState(tmp.path);
    const error = await errorOf(createProject({ ...base, archetype, targetDir: target }));
    expect(error.code).toBe("TARGET_NOT_EMPTY");
    expect(error.message).toMatch(/already has history/);
    expect(await treeState(tmp.path)).toEqual(before);
    expect((await git("ls-files")).stdout.trim()).toBe("notes.md");
  });

  it.skipIf(process.platform === "win32").each([
    ["022", 0o022],
    ["002", 0o002],
    ["077", 0o077],
  ])("the project directory follows umask %s, not staging's 0700", async (_label, mask) => {
    const previous = process.umask(mask);
    try {
      const result = await createProject({
        ...base,
        archetype,
        targetDir: path.join(tmp.path, `proj-${mask.toString(8)}`),
      });
      expect((await stat(result.targetDir)).mode & 0o777).toBe(0o777 & ~mask);
      expect((await stat(path.join(result.targetDir, "src"))).mode & 0o777).toBe(0o777 & ~mask);
    } finally {
      process.umask(previous);
    }
  });

  it("two concurrent runs on one target: exactly one wins, the tree is complete", async () => {
    const target = path.join(tmp.path, "raced");
    const results = await Promise.allSettled([
      createProject({ ...base, archetype, targetDir: target }),
      createProject({ ...base, archetype, targetDir: target }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected");
    expect(((lost as PromiseRejectedResult).reason as MlStarterError).code).toMatch(
      /TARGET_NOT_EMPTY|TARGET_BUSY/,
    );
    const files = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof createProject>>>)
      .value.files;
    for (const rel of files) await expect(readFile(path.join(target, rel))).resolves.toBeDefined();
    expect((await readdir(tmp.path)).sort()).toEqual(["raced"]);
  });

  it("sweeps staging left by a dead run", async () => {
    const stale = path.join(tmp.path, ".proj.ml-starter-999999999-abcDEF");
    await mkdir(path.join(stale, "src"), { recursive: true });
    await createProject({ ...base, archetype, targetDir: path.join(tmp.path, "proj") });
    expect((await readdir(tmp.path)).sort()).toEqual(["proj"]);
  });

  it.skipIf(process.platform === "win32")(
    "a symlink planted in staging cannot redirect writes outside",
    async () => {
      const outside = path.join(tmp.path, "outside");
      await mkdir(outside);
      await writeFile(path.join(outside, "decoy.txt"), "original bytes");
      const before = await treeState(outside);
      const error = await errorOf(
        createProject({
          ...base,
          archetype,
          targetDir: path.join(tmp.path, "proj"),
          onFileWritten: async (count) => {
            if (count !== 1) return;
            const staging = (await readdir(tmp.path)).find(
              (e) => e.startsWith(".proj.ml-starter-") && !e.endsWith(".lock"),
            );
            await symlink(outside, path.join(tmp.path, staging ?? "missing", "src"));
          },
        }),
      );
      expect(error.code).toBe("FORBIDDEN_PATH");
      expect(await treeState(outside)).toEqual(before);
      expect((await readdir(tmp.path)).sort()).toEqual(["outside"]);
    },
  );

  it("aborting through the signal cleans up and reports INTERRUPTED", async () => {
    const controller = new AbortController();
    const error = await errorOf(
      createProject({
        ...base,
        archetype,
        targetDir: path.join(tmp.path, "proj"),
        signal: controller.signal,
        onFileWritten: (count) => {
          if (count === 2) controller.abort();
        },
      }),
    );
    expect(error.code).toBe("INTERRUPTED");
    expect(error.exitCode).toBe(130);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it.each(["cloudpickle", "python-dotenv", "sitecustomize"])(
    "refuses the locked or interpreter name %s before writing",
    async (name) => {
      const error = await errorOf(
        createProject({ ...base, archetype, targetDir: path.join(tmp.path, name) }),
      );
      expect(error.code).toBe("INVALID_NAME");
      expect(error.exitCode).toBe(2);
      expect(await readdir(tmp.path)).toEqual([]);
    },
  );

  it("rejects an unknown archetype and an unpinned image before writing", async () => {
    expect(
      (
        await errorOf(
          createProject({ ...base, archetype: "nope", targetDir: path.join(tmp.path, "p") }),
        )
      ).code,
    ).toBe("UNKNOWN_ARCHETYPE");
    const image = "mcr.microsoft.com/devcontainers/python:3.11";
    expect(
      (
        await errorOf(
          createProject({
            ...base,
            archetype,
            devcontainerImage: image,
            targetDir: path.join(tmp.path, "p"),
          }),
        )
      ).code,
    ).toBe("INVALID_IMAGE");
    expect(await readdir(tmp.path)).toEqual([]);
  });
});

describe("`.` as the target", () => {
  it("generates into the current folder when it is empty, named after it, and prints no cd step", async () => {
    const here = path.join(tmp.path, "my-comp");
    await mkdir(here);
    for (const dot of [".", "./"]) {
      await rm(here, { recursive: true, force: true });
      await mkdir(here);
      const result = await createProject({
        ...base,
        archetype: "regression",
        targetDir: dot,
        cwd: here,
      });
      expect(result.targetDir).toBe(here);
      expect(result.names.projectName).toBe("my-comp");
      expect(await readFile(path.join(here, "pyproject.toml"), "utf8")).toMatch(
        /^name = "my-comp"$/m,
      );
      const { messages } = await import("../../src/cli/messages.js");
      const done = messages.done(
        result.targetDir,
        here,
        result.names,
        result.manifest,
        false,
        "npx",
      );
      expect(done).not.toMatch(/^ {2}cd /m);
      expect(done).toMatch(/^ {2}uv sync --locked$/m);
    }
  });

  it("refuses a non-empty current folder and changes nothing; `..` and `a/.` stay refused as names", async () => {
    const here = path.join(tmp.path, "busy");
    await mkdir(here);
    await writeFile(path.join(here, "notes.txt"), "mine\n");
    const before = await treeState(tmp.path);
    const busy = await errorOf(
      createProject({ ...base, archetype: "regression", targetDir: ".", cwd: here }),
    );
    expect(busy.code).toBe("TARGET_NOT_EMPTY");
    expect(await treeState(tmp.path)).toEqual(before);
    for (const targetDir of ["..", "sub/."]) {
      const bad = await errorOf(
        createProject({ ...base, archetype: "regression", targetDir, cwd: here }),
      );
      expect(bad.code).toBe("INVALID_NAME");
    }
  });
});
