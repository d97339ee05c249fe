// The shared Verdaccio helper (@ml-starter/test-utils), bound to the Verdaccio pinned in this package's tools/.
import path from "node:path";
import { startRegistry as start, type Registry } from "@ml-starter/test-utils";
import { PACKAGE_ROOT, TOOL_CACHE_DIR } from "./paths.js";

export type { Registry };

/** The Verdaccio pinned for the tests (scripts/bench.mjs uses the same folder). */
export const VERDACCIO_TOOL = {
  toolDir: path.join(PACKAGE_ROOT, "tools", "verdaccio"),
  cacheDir: TOOL_CACHE_DIR,
};

/** Starts Verdaccio in `dir` and registers a publishing user. */
export function startRegistry(dir: string): Promise<Registry> {
  return start(dir, VERDACCIO_TOOL);
}
