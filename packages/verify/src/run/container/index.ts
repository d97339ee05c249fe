import type { ContainerRunnerFactory } from "../step-runner.js";
import { createContainerRunner } from "./container-runner.js";

export {
  createContainerRunner,
  ID_LABEL_KEY,
  type ContainerRunner,
  type ContainerRunnerOptions,
} from "./container-runner.js";
export { ContainerError, isContainerError, type ContainerErrorCode } from "./errors.js";
export { locateDevcontainerCli, type DevcontainerCli } from "./devcontainer-cli.js";

/** createContainerRunner typed as the verifier's factory (checks at compile time that the two agree). */
export const containerRunnerFactory: ContainerRunnerFactory = createContainerRunner;
