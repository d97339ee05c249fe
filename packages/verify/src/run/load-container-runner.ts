import { VerifyError } from "../report/errors.js";
import { messages } from "../cli/messages.js";
import type { ContainerRunnerFactory } from "./step-runner.js";

/**
 * Loads container mode lazily (it pulls in the devcontainer CLI): `createContainerRunner` from
 * `./container/index.js`. A missing or broken module is a `docker_unavailable` environment failure.
 */
export async function loadContainerRunnerFactory(
  specifier: string = new URL("./container/index.js", import.meta.url).href,
): Promise<ContainerRunnerFactory> {
  let mod: unknown;
  try {
    mod = await import(specifier);
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new VerifyError(
      "docker_unavailable",
      messages.containerUnavailable(`cannot load the container runner (${why})`),
      {
        cause: error,
      },
    );
  }
  const factory = (mod as { createContainerRunner?: unknown }).createContainerRunner;
  if (typeof factory !== "function") {
    throw new VerifyError(
      "docker_unavailable",
      messages.containerUnavailable("the container runner does not export createContainerRunner"),
    );
  }
  return factory as ContainerRunnerFactory;
}
