import { describe, expect, it } from "vitest";
import {
  PACKAGE_NAMES,
  packageRunnerFrom,
  publishedSchemaUrl,
  runPackageCommand,
} from "../src/index.js";
import pkg from "../package.json" with { type: "json" };

describe("package names and the commands that reach them", () => {
  it("names the runner of the package manager that started us", () => {
    expect(packageRunnerFrom("pnpm/10.34.8 npm/? node/v20.20.2 linux x64")).toBe("pnpm");
    expect(packageRunnerFrom("yarn/4.9.1 npm/? node/v20.20.2")).toBe("yarn");
    expect(packageRunnerFrom("bun/1.2.0 npm/? node/v22")).toBe("bun");
    expect(packageRunnerFrom("npm/11.19.1 node/v20.20.2 linux x64 workspaces/false")).toBe("npx");
    expect(packageRunnerFrom(undefined)).toBe("npx");
    expect(runPackageCommand("pnpm", PACKAGE_NAMES.verify)).toBe("pnpm dlx @ml-starter/verify");
    expect(runPackageCommand("npx", PACKAGE_NAMES.verify)).toBe("npx @ml-starter/verify");
    expect(runPackageCommand("yarn", PACKAGE_NAMES.verify)).toBe("yarn dlx @ml-starter/verify");
    expect(runPackageCommand("bun", PACKAGE_NAMES.verify)).toBe("bunx @ml-starter/verify");
  });

  it("points $schema at the JSON Schemas this exact version ships", () => {
    expect(publishedSchemaUrl("project-file.schema.json")).toBe(
      `https://unpkg.com/@ml-starter/schema@${pkg.version}/schemas/project-file.schema.json`,
    );
    expect(pkg.name).toBe(PACKAGE_NAMES.schema);
    expect(pkg.files).toContain("schemas");
  });
});
