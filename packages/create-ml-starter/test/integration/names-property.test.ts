// Property: every target name either generates a project whose names round-trip through JSON and TOML,
// or fails with INVALID_NAME and leaves the file system exactly as it was.
import path from "node:path";
import { readFile, rm } from "node:fs/promises";
import { ProjectFileSchema } from "@ml-starter/schema";
import { tempDirWithSpaces, treeState, type TempDir } from "@ml-starter/test-utils";
import fc from "fast-check";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkProjectName, createProject, MlStarterError } from "../../src/index.js";
import { REPO_TEMPLATES } from "../repo-templates.js";

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDirWithSpaces("names property");
});
afterAll(async () => tmp.cleanup());

/** Names from an alphabet rich in the characters that break things. */
const nameArbitrary = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}[a-z0-9]$/),
  fc.string({
    unit: fc.constantFrom(...'aZ09._- \\:*?"<>|\u00e9\u30d7\n\t'.split("")),
    maxLength: 12,
  }),
  fc.constantFrom(
    "con",
    "nul.txt",
    "class",
    "test",
    "random",
    "pandas",
    "1st",
    "x",
    "-x",
    "x.",
    "node_modules",
  ),
);

describe("project names, as a property", () => {
  it("generate a consistent project or fail cleanly", async () => {
    await fc.assert(
      fc.asyncProperty(nameArbitrary, async (name) => {
        if (name.includes("/") || name === "" || name === "." || name === "..") return; // path syntax, not a name
        const before = await treeState(tmp.path);
        const target = path.join(tmp.path, name);
        const result = await createProject({
          targetDir: target,
          archetype: "classification",
          templatesRoot: REPO_TEMPLATES,
          git: false,
          install: false,
        }).then(
          (r) => r,
          (e: unknown) => e,
        );
        if (result instanceof MlStarterError) {
          expect(checkProjectName(name).ok).toBe(false);
          expect(result.code).toBe("INVALID_NAME");
          expect(await treeState(tmp.path)).toEqual(before);
          return;
        }
        expect(result).not.toBeInstanceOf(Error);
        const check = checkProjectName(name);
        expect(check.ok).toBe(true);
        const pyproject = parseToml(
          await readFile(path.join(target, "pyproject.toml"), "utf8"),
        ) as { project: { name: string; scripts: Record<string, string> } };
        const projectFile = ProjectFileSchema.parse(
          JSON.parse(await readFile(path.join(target, "ml-starter.json"), "utf8")),
        );
        if (check.ok) {
          expect(pyproject.project.name).toBe(check.names.distName);
          expect(Object.keys(pyproject.project.scripts)).toEqual([check.names.importName]);
          expect(projectFile.answers).toMatchObject(check.names);
        }
        await rm(target, { recursive: true, force: true });
      }),
      { numRuns: 150 },
    );
  });
});
