import path from "node:path";
import type { OutputSpec, VerifyReport } from "@ml-starter/schema";
import { InputRefusedError, sha256RegularFile } from "../read/safe-read.js";

export interface HashedOutputs {
  outputs: VerifyReport["outputs"];
  /** Outputs that exist but were not read: not a regular file, or their real path leaves the project. */
  refused: string[];
}

/** sha256 of each declared output's bytes (null when it was not written or was refused), in manifest order. */
export async function hashOutputs(
  root: string,
  specs: readonly OutputSpec[],
): Promise<HashedOutputs> {
  const outputs: VerifyReport["outputs"] = [];
  const refused: string[] = [];
  for (const spec of specs) {
    let sha256: string | null = null;
    try {
      sha256 = await sha256RegularFile(path.join(root, ...spec.path.split("/")), {
        label: spec.path,
        root,
      });
    } catch (error) {
      if (!(error instanceof InputRefusedError)) throw error;
      refused.push(error.message);
    }
    outputs.push({ path: spec.path, kind: spec.kind, sha256 });
  }
  return { outputs, refused };
}
