import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * This package's root: the nearest folder above this module that holds a package.json. Walked up rather
 * than fixed, because this code sits in `src/core/` under the tests and in `dist/` or `dist/chunks/` once
 * bundled. If none is found the filesystem root is returned, and the templates lookup reports it.
 */
export const PACKAGE_ROOT = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir)
    dir = path.dirname(dir);
  return dir;
})();

/**
 * Where the templates are: `<package>/templates/`, copied there from the repo's `templates/` by the build
 * (npm's `files` cannot reach outside a package).
 */
export function defaultTemplatesRoot(): string {
  return path.join(PACKAGE_ROOT, "templates") + path.sep;
}

/** Where the competition catalog is: `<package>/catalog/`, copied from the repo's `catalog/` like the templates. */
export function defaultCatalogRoot(): string {
  return path.join(PACKAGE_ROOT, "catalog") + path.sep;
}

/** Layer copied into every project before the archetype's own files. */
export const SHARED_LAYER = "_shared";
