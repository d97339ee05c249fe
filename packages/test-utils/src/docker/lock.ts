import path from "node:path";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { isProcessAlive } from "@ml-starter/fs-utils";

/** Runs `fn` holding a lock directory shared by all processes (test workers), breaking locks of dead holders. */
export async function withDirLock<T>(
  dir: string,
  timeoutMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  const lockDir = path.join(dir, "lock");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(path.join(lockDir, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(
        await readFile(path.join(lockDir, "pid"), "utf8").catch(() => ""),
        10,
      );
      if (Number.isInteger(holder) && !isProcessAlive(holder)) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${lockDir} (held by pid ${String(holder)})`, {
          cause: error,
        });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
