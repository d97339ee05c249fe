import { rename as fsRename } from "node:fs/promises";

export interface RenameOptions {
  platform?: NodeJS.Platform;
  rename?: (from: string, to: string) => Promise<void>;
  attempts?: number;
  delayMs?: number;
}

const RETRYABLE_ON_WINDOWS = new Set(["EPERM", "EACCES", "EBUSY"]);

/**
 * rename(), retried with backoff on Windows when antivirus or the indexer briefly holds a new file
 * (the graceful-fs approach). Other platforms and other errors fail at once.
 */
export async function renameWithRetry(
  from: string,
  to: string,
  options: RenameOptions = {},
): Promise<void> {
  const { platform = process.platform, rename = fsRename, attempts = 8, delayMs = 100 } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (platform !== "win32" || !RETRYABLE_ON_WINDOWS.has(code) || attempt >= attempts)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * attempt));
    }
  }
}
