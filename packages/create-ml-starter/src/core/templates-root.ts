import { fileURLToPath } from "node:url";

/**
 * Where the templates are: `<package>/templates/`, copied there from the repo's `templates/` by the build
 * (npm's `files` cannot reach outside a package). Works from `dist/` and from `src/` alike.
 */
export function defaultTemplatesRoot(): string {
  return fileURLToPath(new URL("../../templates/", import.meta.url));
}

/** Where the competition catalog is: `<package>/catalog/`, copied from the repo's `catalog/` like the templates. */
export function defaultCatalogRoot(): string {
  return fileURLToPath(new URL("../../catalog/", import.meta.url));
}

/** Layer copied into every project before the archetype's own files. */
export const SHARED_LAYER = "_shared";
