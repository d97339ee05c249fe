import { readFileSync } from "node:fs";

// The npm names this project publishes: the one place to change them (docs/decisions.md D14).
// The unscoped `create-ml-starter` is an unrelated project's package, so nothing we print may use it.

export const PACKAGE_NAMES = {
  create: "@ml-starter/create",
  verify: "@ml-starter/verify",
  schema: "@ml-starter/schema",
  fsUtils: "@ml-starter/fs-utils",
} as const;

/**
 * The source repository every published package.json names (`repository`, `homepage`, `bugs`): the
 * GitHub organisation matching the npm scope, an assumption confirmed at the first release like the
 * scope itself (docs/decisions.md D14). npm provenance checks it against the publishing workflow's
 * repository, so a wrong value fails the publish instead of pointing users elsewhere.
 */
export const REPOSITORY = {
  owner: "ml-starter",
  name: "ml-starter",
  web: "https://github.com/ml-starter/ml-starter",
  branch: "main",
} as const;

/** What a publishable package.json under `packages/<dir>` must say about where it comes from. */
export function repositoryFields(dir: string): {
  repository: { type: "git"; url: string; directory: string };
  homepage: string;
  bugs: { url: string };
} {
  return {
    repository: { type: "git", url: `git+${REPOSITORY.web}.git`, directory: `packages/${dir}` },
    homepage: `${REPOSITORY.web}/tree/${REPOSITORY.branch}/packages/${dir}#readme`,
    bugs: { url: `${REPOSITORY.web}/issues` },
  };
}

/** How a package manager runs a package's bin without installing it. */
export type PackageRunner = "npx" | "pnpm" | "yarn" | "bun";

/** The package manager that started us, from `npm_config_user_agent` (`pnpm/10.34.8 npm/? node/v20…`). */
export function packageRunnerFrom(userAgent: string | undefined): PackageRunner {
  const name = userAgent?.split("/", 1)[0];
  return name === "pnpm" || name === "yarn" || name === "bun" ? name : "npx";
}

/** `npx @ml-starter/verify`, `pnpm dlx @ml-starter/verify`, … */
export function runPackageCommand(runner: PackageRunner, pkg: string): string {
  switch (runner) {
    case "pnpm":
      return `pnpm dlx ${pkg}`;
    case "yarn":
      return `yarn dlx ${pkg}`;
    case "bun":
      return `bunx ${pkg}`;
    case "npx":
      return `npx ${pkg}`;
  }
}

/** This package's version: the JSON Schemas a project file points at are the ones this version ships. */
const SCHEMA_PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

/** A `$schema` URL for a JSON Schema shipped in this exact package version (served by a registry CDN). */
export function publishedSchemaUrl(file: string): string {
  return `https://unpkg.com/${PACKAGE_NAMES.schema}@${SCHEMA_PACKAGE_VERSION}/schemas/${file}`;
}
