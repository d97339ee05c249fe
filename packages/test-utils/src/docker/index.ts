export {
  ensureContainerEnvironment,
  type ContainerEnvironment,
  type ContainerEnvironmentOptions,
} from "./environment.js";
export { BASE_IMAGE_LABEL, BASE_IMAGE_RECIPE } from "./base-image.js";
export { ensureKaggleImage, KAGGLE_PYTHON_HOME, type KaggleImage } from "./kaggle-image.js";
