// No command we print or generate may download a package we do not own (docs/decisions.md D14).
import { readFileSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import {
  foreignPackageCommands,
  initializerPackage,
  packageCommands,
  workspacePackageNames,
} from "../lib/package-commands.js";
import { REPO_ROOT } from "../lib/paths.js";

describe("packageCommands", () => {
  it("maps runners and initializers to the package they fetch", () => {
    const text = [
      "npx --yes @ml-starter/verify@0.1.0 --report r.json",
      "pnpm dlx @ml-starter/verify compare a.json b.json",
      "npm create @ml-starter@latest demo -- --archetype classification",
      "pnpm create ml-starter demo",
      "npx create-ml-starter demo",
      "yarn create @acme/thing x",
    ].join("\n");
    expect(packageCommands(text).map((c) => c.pkg)).toEqual([
      "@ml-starter/verify",
      "@ml-starter/verify",
      "create-ml-starter",
      "@ml-starter/create",
      "create-ml-starter",
      "@acme/create-thing",
    ]);
  });

  it("follows npm's initializer rules", () => {
    expect(initializerPackage("vite@latest")).toBe("create-vite");
    expect(initializerPackage("@ml-starter")).toBe("@ml-starter/create");
    expect(initializerPackage("@ml-starter@0.2.0")).toBe("@ml-starter/create");
    expect(initializerPackage("@s/app")).toBe("@s/create-app");
  });

  it("flags the unscoped create-ml-starter, which is an unrelated project's package", () => {
    expect(foreignPackageCommands("run `npx create-ml-starter verify`", "x")).toEqual([
      "x: npx create-ml-starter (runs create-ml-starter)",
    ]);
    expect(foreignPackageCommands("pnpm create @ml-starter demo", "x")).toEqual([]);
  });

  it("ignores only a paragraph that warns against the look-alike", () => {
    const warning = "`npx create-ml-starter` runs\nan unrelated project's package.";
    expect(foreignPackageCommands(warning, "x")).toEqual([]);
    expect(foreignPackageCommands(`${warning}\n\nnpx create-ml-starter demo`, "x")).toHaveLength(1);
  });
});

describe("the repository's own text", () => {
  it("knows the published packages", () => {
    const owned = workspacePackageNames();
    for (const name of ["@ml-starter/create", "@ml-starter/verify", "@ml-starter/schema"])
      expect(owned).toContain(name);
  });

  it("README, docs, templates, sources and workflows run only our packages", async () => {
    const { stdout } = await execa("git", ["ls-files", "-z"], { cwd: REPO_ROOT });
    const files = stdout
      .split("\0")
      .filter(Boolean)
      .filter((f) =>
        /^(README\.md|CONTRIBUTING\.md|docs\/|templates\/|scripts\/|\.github\/|\.devcontainer\/|packages\/[^/]+\/(src\/|README\.md))/.test(
          f,
        ),
      );
    expect(files.length).toBeGreaterThan(50);
    const foreign = files.flatMap((f) =>
      foreignPackageCommands(readFileSync(path.join(REPO_ROOT, f), "utf8"), f),
    );
    expect(foreign).toEqual([]);
  });
});
