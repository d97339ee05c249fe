import { fileURLToPath } from "node:url";

/** The repo's templates/ (source of truth); in-process tests use it directly, the built bin uses its copy. */
export const REPO_TEMPLATES = fileURLToPath(new URL("../../../templates/", import.meta.url));

/** The repo's catalog/ (source of truth), as REPO_TEMPLATES. */
export const REPO_CATALOG = fileURLToPath(new URL("../../../catalog/", import.meta.url));
