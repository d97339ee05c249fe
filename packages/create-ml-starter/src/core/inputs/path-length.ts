import path from "node:path";
import { MlStarterError } from "../errors.js";

/** Windows' MAX_PATH minus headroom; beyond it uv, pip and DLL loading fail unless LongPathsEnabled=1. */
export const WINDOWS_PATH_BUDGET = 240;
/** What a synced project adds below its root, e.g. `.venv\Lib\site-packages\sklearn\…\*.pyd`. */
export const VENV_DEPTH_ALLOWANCE =
  ".venv/Lib/site-packages/sklearn/metrics/_pairwise_distances_reduction/_middle_term_computer.cp311-win_amd64.pyd"
    .length;

/** On Windows, refuses a target whose deepest projected path would pass the budget, before anything is written. */
export function checkPathLength(
  target: string,
  outputs: readonly string[],
  platform: NodeJS.Platform = process.platform,
): void {
  if (platform !== "win32") return;
  const longestOutput = Math.max(0, ...outputs.map((o) => o.length));
  const projected =
    path.win32.resolve(target).length + 1 + Math.max(longestOutput, VENV_DEPTH_ALLOWANCE);
  if (projected > WINDOWS_PATH_BUDGET) {
    throw new MlStarterError(
      "PATH_TOO_LONG",
      `Target ${target} is too deep for Windows: paths inside the project would reach ${projected} characters (limit ${WINDOWS_PATH_BUDGET}).`,
      {
        hint: "use a shorter path such as C:\\src\\<name>, or enable LongPathsEnabled in the registry (admin)",
      },
    );
  }
}
