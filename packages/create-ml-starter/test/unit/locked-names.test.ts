import path from "node:path";
import { mkdir, writeFile } from "node:fs/promises";
import { tempDirWithSpaces } from "@ml-starter/test-utils";
import { describe, expect, it } from "vitest";
import { lockedPackageNames } from "../../src/core/inputs/locked-names.js";
import { checkProjectName, deriveNames, MlStarterError } from "../../src/index.js";
import { REPO_TEMPLATES } from "../repo-templates.js";

const locked = lockedPackageNames(REPO_TEMPLATES);

describe("locked dependency names", () => {
  it.each([
    "cloudpickle",
    "rpds-py",
    "rpds_py",
    "markdown-it-py",
    "python-dotenv",
    "pytest-timeout",
    "py",
    "sitecustomize",
    "usercustomize",
  ])("refuses %s with INVALID_NAME and a valid suggestion", (name) => {
    const error = (() => {
      try {
        deriveNames(name, locked);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MlStarterError);
    expect((error as MlStarterError).code).toBe("INVALID_NAME");
    const check = checkProjectName(name, locked);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(checkProjectName(check.suggestion, locked).ok).toBe(true);
  });

  it("reads the names from the templates' locks, not from a list in the code", async () => {
    // Every template's lock contributes; the project's own `{{distName}}` entry does not.
    expect(
      locked.has("cloudpickle") && locked.has("markdown-it-py") && locked.has("markdown_it_py"),
    ).toBe(true);
    expect([...locked].some((n) => n.includes("{"))).toBe(false);
    const tmp = await tempDirWithSpaces("locked names");
    try {
      await mkdir(path.join(tmp.path, "demo"));
      await writeFile(
        path.join(tmp.path, "demo", "uv.lock.hbs"),
        'version = 1\n\n[[package]]\nname = "{{distName}}"\n\n[[package]]\nname = "Zany_Widget.Lib"\ndependencies = [\n    { name = "not-a-package-entry" },\n]\n',
      );
      const names = lockedPackageNames(tmp.path);
      expect([...names].sort()).toEqual(["zany-widget-lib", "zany_widget_lib"]);
      expect(checkProjectName("zany-widget-lib", names).ok).toBe(false);
      expect(checkProjectName("zany-widget-lib", locked).ok).toBe(true);
    } finally {
      await tmp.cleanup();
    }
  });
});
