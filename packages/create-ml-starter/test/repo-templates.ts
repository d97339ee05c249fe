import { fileURLToPath } from "node:url";

/** The repo's templates/ (source of truth); in-process tests use it directly, the built bin uses its copy. */
export const REPO_TEMPLATES = fileURLToPath(new URL("../../../templates/", import.meta.url));
