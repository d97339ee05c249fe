export { tempDirWithSpaces, type TempDir } from "./temp-dir.js";
export { treeState } from "./tree-state.js";
export { run, type RunResult } from "./run-command.js";
export {
  publishPackages,
  startRegistry,
  verdaccioBin,
  type Registry,
  type VerdaccioTool,
} from "./registry.js";
export {
  ensureContainerEnvironment,
  BASE_IMAGE_LABEL,
  BASE_IMAGE_RECIPE,
  type ContainerEnvironment,
  type ContainerEnvironmentOptions,
} from "./docker/index.js";
