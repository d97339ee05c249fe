// What the registry shows users of each publishable package, and dependencies that match the code:
// every runtime dependency is imported by a published file, every published import is a dependency.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { PACKAGE_NAMES, repositoryFields } from "@ml-starter/schema";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../lib/paths.js";
import {
  dependencyProblems,
  filesUnder,
  importedPackages,
  importsOfFiles,
  publishablePackages,
  type PackageJson,
} from "../lib/workspace-packages.js";

const rootManifest = JSON.parse(
  readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"),
) as PackageJson;
const rootLicense = readFileSync(path.join(REPO_ROOT, "LICENSE"), "utf8");
const publishable = publishablePackages();
const CODE = /\.(m?js|cjs|d\.ts)$/;

describe("the dependency check itself", () => {
  it("finds static, side-effect, dynamic and require imports, across lines, and skips relative and built-in ones", () => {
    const text = [
      'import { a,\n  b } from "execa";',
      'import type { X } from "@scope/types/sub";',
      'export * from "./local.js";',
      'import "side-effect";',
      'const m = await import("lazy-pkg");',
      'require.resolve("@devcontainers/cli/package.json");',
      'import path from "node:path";',
      'import fs from "fs";',
    ].join("\n");
    expect([...importedPackages(text)].sort()).toEqual(
      ["@devcontainers/cli", "@scope/types", "execa", "lazy-pkg", "side-effect"].sort(),
    );
  });

  it("fails both ways: an unused runtime dependency, and an import that is not one", () => {
    const manifest: PackageJson = {
      name: "@x/p",
      version: "1.0.0",
      dependencies: { zod: "1", execa: "1" },
      devDependencies: { vitest: "1" },
    };
    expect(
      dependencyProblems(
        manifest,
        new Set(["execa", "yaml"]),
        new Set(["execa", "vitest", "left-pad"]),
      ),
    ).toEqual([
      "left-pad: imported by src/ but declared nowhere",
      "yaml: imported by a published file but not in dependencies",
      "zod: a dependency that no published file imports",
    ]);
    expect(dependencyProblems(manifest, new Set(["execa", "zod"]), new Set(["vitest"]))).toEqual(
      [],
    );
  });
});

describe("the publishable packages", () => {
  it("are exactly the names in package-names.ts", () => {
    expect(publishable.map((p) => p.manifest.name).sort()).toEqual(
      Object.values(PACKAGE_NAMES).sort(),
    );
  });
});

describe.each(publishable.map((p) => [p.manifest.name, p] as const))("%s", (_name, pkg) => {
  const { manifest, root, dir } = pkg;

  it("has a README titled with its name and the MIT LICENSE of the repository", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    expect(readme.startsWith(`# ${manifest.name}\n`)).toBe(true);
    expect(readme.length).toBeGreaterThan(400);
    expect(manifest.license).toBe("MIT");
    expect(readFileSync(path.join(root, "LICENSE"), "utf8")).toBe(rootLicense);
  });

  it("names the repository (with its directory), homepage and bugs from the one REPOSITORY constant", () => {
    const expected = repositoryFields(dir);
    expect(manifest.repository).toEqual(expected.repository);
    expect(manifest.homepage).toBe(expected.homepage);
    expect(manifest.bugs).toEqual(expected.bugs);
  });

  it("declares the repository's engines, public access and a version", () => {
    expect(manifest.engines).toEqual(rootManifest.engines);
    expect(manifest.publishConfig).toEqual({ access: "public" });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.description?.length ?? 0).toBeGreaterThan(20);
  });

  it("ships only what `files` lists, and every export and bin points at a shipped, built file", () => {
    const files = manifest.files ?? [];
    expect(files).toContain("dist");
    for (const entry of files)
      expect(existsSync(path.join(root, entry)), `${entry} (run pnpm build)`).toBe(true);
    const shipped = (target: string) =>
      files.some((f) => path.posix.normalize(target).startsWith(`${f}/`));
    const dot = manifest.exports?.["."] as { types?: string; default?: string } | undefined;
    expect(dot?.types, "exports['.'].types").toBeDefined();
    expect(dot?.default, "exports['.'].default").toBeDefined();
    expect(manifest.exports?.["./package.json"]).toBe("./package.json");
    const targets = Object.values(manifest.exports ?? {}).flatMap((v) =>
      typeof v === "string" ? [v] : Object.values(v as Record<string, string>),
    );
    for (const target of [...targets, ...Object.values(manifest.bin ?? {})]) {
      if (target === "./package.json" || target.includes("*")) continue;
      expect(shipped(target), `${target} is in files`).toBe(true);
      expect(existsSync(path.join(root, target)), `${target} exists (run pnpm build)`).toBe(true);
    }
  });

  it("depends at run time on exactly the packages its published code imports", () => {
    const shippedCode = (manifest.files ?? []).flatMap((f) => filesUnder(path.join(root, f), CODE));
    expect(shippedCode.length, "built files (run pnpm build)").toBeGreaterThan(0);
    const problems = dependencyProblems(
      manifest,
      importsOfFiles(shippedCode),
      importsOfFiles(filesUnder(path.join(root, "src"), /\.ts$/)),
    );
    expect(problems).toEqual([]);
  });
});
