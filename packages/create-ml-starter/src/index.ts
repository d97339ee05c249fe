// The package's public API: generate a project, and the catalog, archetypes and name rules it uses.
// Everything else is internal (the CLI and the tests import it from its module).
export {
  createProject,
  type CreateProjectOptions,
  type CreateResult,
} from "./core/create-project.js";
export { loadRegistry, findArchetype, type Archetype } from "./core/template/registry.js";
export { defaultTemplatesRoot } from "./core/template/templates-root.js";
export {
  checkProjectName,
  deriveNames,
  suggestProjectName,
  type ProjectNames,
} from "./core/inputs/names.js";
export { MlStarterError, EXIT_CODES, type CreateErrorCode } from "./core/errors.js";
export { loadCatalog, type Competition } from "./catalog/load-catalog.js";
export { PROFILE_FILE_NAME } from "./catalog/resolve-competition.js";
