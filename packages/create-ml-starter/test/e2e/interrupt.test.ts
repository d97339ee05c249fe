// Real signals against the built bin, paused mid-generation by its test hook (ML_STARTER_TEST_PAUSE_AFTER).
import path from "node:path";
import { readdir } from "node:fs/promises";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { execa } from "execa";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILT_CLI, runBuiltCli } from "../built-cli.js";

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("interrupt");
});
afterEach(async () => tmp.cleanup());

function startPaused(k: number) {
  const child = execa(
    process.execPath,
    [BUILT_CLI, path.join(tmp.path, "proj"), "-a", "classification", "--no-install", "--no-git"],
    {
      reject: false,
      stdin: "ignore",
      env: { ML_STARTER_TEST_PAUSE_AFTER: String(k) },
    },
  );
  const paused = new Promise<void>((resolve) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ml-starter:paused")) resolve();
    });
  });
  return { child, paused };
}

describe.skipIf(process.platform === "win32")("interrupting the CLI", () => {
  it.each([1, 4, 9])("SIGINT after %i files: exit 130, no target, no staging", async (k) => {
    const { child, paused } = startPaused(k);
    await paused;
    child.kill("SIGINT");
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toMatch(/Interrupted; nothing was created/);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it.each([2, 6])(
    "SIGKILL after %i files leaves at most one staging dir, which the next run removes",
    async (k) => {
      const { child, paused } = startPaused(k);
      await paused;
      child.kill("SIGKILL");
      await child;
      const left = await readdir(tmp.path);
      expect(left.filter((e) => e === "proj")).toEqual([]);
      expect(left.length).toBeLessThanOrEqual(1);
      const again = await runBuiltCli([
        path.join(tmp.path, "proj"),
        "-a",
        "classification",
        "--no-install",
        "--no-git",
      ]);
      expect(again.exitCode, again.all).toBe(0);
      expect(await readdir(tmp.path)).toEqual(["proj"]);
    },
  );
});
