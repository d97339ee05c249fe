import os from "node:os";
import path from "node:path";
import { mkdtemp, realpath, rm } from "node:fs/promises";

export interface TempDir {
  /** A fresh directory outside the repo whose path contains spaces. */
  path: string;
  cleanup: () => Promise<void>;
}

/** A temp dir like `/tmp/ml starter XXXXXX/work dir`: outside the repo, spaces in the path, real path resolved. */
export async function tempDirWithSpaces(label = "ml starter"): Promise<TempDir> {
  const base = await realpath(await mkdtemp(path.join(os.tmpdir(), `${label} `)));
  return {
    path: base,
    cleanup: () => rm(base, { recursive: true, force: true, maxRetries: 3 }),
  };
}
