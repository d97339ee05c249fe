import path from "node:path";
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";

/** Every entry under `dir` → "file <sha256> <mtimeMs>" / "dir" / "link -> target": equal states mean nothing changed. */
export async function treeState(dir: string): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  async function visit(rel: string): Promise<void> {
    const abs = path.join(dir, rel);
    const stat = await lstat(abs);
    if (stat.isSymbolicLink()) {
      state[rel] = `link -> ${await readlink(abs)}`;
    } else if (stat.isDirectory()) {
      if (rel !== "") state[rel] = "dir";
      for (const entry of (await readdir(abs)).sort())
        await visit(rel === "" ? entry : `${rel}/${entry}`);
    } else {
      const sha = createHash("sha256")
        .update(await readFile(abs))
        .digest("hex");
      state[rel] = `file ${sha} ${stat.mtimeMs}`;
    }
  }
  await visit("");
  return state;
}
