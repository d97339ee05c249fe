export {
  createProject,
  type CreateProjectOptions,
  type CreateResult,
} from "./core/create-project.js";
export { loadRegistry, findArchetype, type Archetype } from "./core/template/registry.js";
export {
  checkDescription,
  checkProjectName,
  deriveNames,
  normalizeDistName,
  suggestProjectName,
  type ProjectNames,
} from "./core/inputs/names.js";
export { MlStarterError, EXIT_CODES, type CreateErrorCode } from "./core/errors.js";
export { safeJoin } from "./core/write/safe-join.js";
export { defaultTemplatesRoot } from "./core/template/templates-root.js";
export { planFiles, outputPathFor, RENAMED_SEGMENTS } from "./core/template/plan-files.js";
export { sortLockPackages } from "./core/template/render-lock.js";
export { checkImageReference } from "./core/inputs/image-ref.js";
export { checkPathLength } from "./core/inputs/path-length.js";
export { sweepStaleStaging } from "./core/write/staging.js";
export { defaultCatalogRoot } from "./core/template/templates-root.js";
export { loadCatalog, parseCatalogEntry, type Competition } from "./catalog/load-catalog.js";
export { PROFILE_FILE_NAME } from "./catalog/resolve-competition.js";
