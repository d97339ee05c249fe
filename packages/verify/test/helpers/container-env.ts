// What every container test file starts with: the built CLIs, and a Docker engine with a local registry and a
// digest-pinned base image (started by ensureContainerEnvironment when it is not running). Without one the
// tests are skipped locally and fail under CI=true.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureContainerEnvironment } from "@ml-starter/test-utils";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../../../..");
export const createCli = path.join(repoRoot, "packages/create-ml-starter/dist/cli.js");
export const verifyCli = path.resolve(here, "../../dist/cli/cli.js");

export const environment = await ensureContainerEnvironment({
  log: (line) => console.log(`[container env] ${line}`),
});
const ci = process.env.CI === "true";
/** Skip the suite: no container environment, and not under CI (where its absence is a failure). */
export const skip = !environment.available && !ci;
if (!environment.available) {
  console.log(
    ci
      ? `container tests: CI=true and no container environment (${environment.reason}): failing`
      : `container tests SKIPPED: ${environment.reason} (set CI=true to make this a failure)`,
  );
}
