import path from "node:path";
import type { OutputSpec, VerifyReport } from "@ml-starter/schema";
import { sha256File } from "./hash.js";

/** sha256 of each declared output's bytes (null when it was not written), in manifest order. */
export async function hashOutputs(
  dir: string,
  specs: readonly OutputSpec[],
): Promise<VerifyReport["outputs"]> {
  const out: VerifyReport["outputs"] = [];
  for (const spec of specs) {
    out.push({
      path: spec.path,
      kind: spec.kind,
      sha256: await sha256File(path.join(dir, ...spec.path.split("/")), "bytes"),
    });
  }
  return out;
}
