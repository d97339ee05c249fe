import os from "node:os";
import path from "node:path";
import { chmod, mkdir, mkdtemp, realpath, rm } from "node:fs/promises";

/** Where the scratch directory appears inside the container. */
export const CONTAINER_SCRATCH = "/tmp/ml-starter-verify";

export interface Scratch {
  host: string;
  runner: string;
  /** The `--mount` value for `devcontainer up`, or undefined when the scratch lives inside the project instead. */
  mount: string | undefined;
}

/**
 * A host temp directory bind-mounted into the container, so files such as the JUnit XML stay out of the project.
 * `--mount` is a comma-separated list, so a temp path with a comma falls back to `outputs/verify/` in the project
 * (visible through the workspace mount).
 */
export async function createScratch(workspace: string, id: string): Promise<Scratch> {
  const host = await realpath(await mkdtemp(path.join(os.tmpdir(), "ml-starter-verify-")));
  if (!host.includes(",")) {
    // A root host's dir must be writable by a non-root container user (the CLI maps uids only for non-root hosts).
    if (typeof process.getuid === "function" && process.getuid() === 0) await chmod(host, 0o777);
    return {
      host,
      runner: CONTAINER_SCRATCH,
      mount: `type=bind,source=${host},target=${CONTAINER_SCRATCH}`,
    };
  }
  await rm(host, { recursive: true, force: true });
  const inProject = path.join(workspace, "outputs", "verify", id);
  await mkdir(inProject, { recursive: true });
  return { host: inProject, runner: "", mount: undefined };
}
