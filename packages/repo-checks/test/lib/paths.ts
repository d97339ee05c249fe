import path from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root (…/packages/repo-checks/test/lib → four levels up). */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SNAPSHOT_DIR = path.join(PACKAGE_ROOT, "snapshots");
export const TEMPLATES_DIR = path.join(REPO_ROOT, "templates");
export const CREATE_PACKAGE_DIR = path.join(REPO_ROOT, "packages", "create-ml-starter");
/** The built bin, exactly as `npx @ml-starter/create` runs it. */
export const BUILT_CLI = path.join(CREATE_PACKAGE_DIR, "dist", "cli.js");
/** The templates the build copies into the package (what the bin and the tarball use). */
export const BUILT_TEMPLATES = path.join(CREATE_PACKAGE_DIR, "templates");
/** Monorepo workflows. */
export const WORKFLOWS_DIR = path.join(REPO_ROOT, ".github", "workflows");
/** The generated projects' `.github/`, stored under its underscore name. */
export const SHARED_GITHUB_DIR = path.join(TEMPLATES_DIR, "_shared", "_github");
/** Where downloaded or built tools are kept between runs (ignored by git with node_modules). */
export const TOOL_CACHE_DIR = path.join(
  PACKAGE_ROOT,
  "node_modules",
  ".cache",
  "repo-checks-tools",
);

/** `a/b/c` whatever the OS. */
export const toPosix = (p: string) => p.split(path.sep).join("/");
