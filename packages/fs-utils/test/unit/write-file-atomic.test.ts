import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, onTestFinished } from "vitest";
import { writeFileAtomic, writeFileExclusive } from "../../src/write-file-atomic.js";

const BUILT = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
const WRITE_LOOP = fileURLToPath(new URL("../fixtures/write-loop.mjs", import.meta.url));

async function testdir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "fs-utils atomic "));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A pid that no longer runs: a child we started and reaped. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid ?? -1;
}

describe("writeFileAtomic", () => {
  it("creates missing parents and replaces the whole file, leaving nothing else behind", async () => {
    const dir = await testdir();
    const file = path.join(dir, "nested", "report.json");
    await writeFileAtomic(file, "first, and longer\n");
    await writeFileAtomic(file, new TextEncoder().encode("second\n"));
    expect(await readFile(file, "utf8")).toBe("second\n");
    expect(await readdir(path.dirname(file))).toEqual(["report.json"]);
  });

  it("leaves no temp file behind when the rename fails", async () => {
    const dir = await testdir();
    await writeFile(path.join(dir, "blocker"), "x");
    await expect(writeFileAtomic(path.join(dir, "blocker", "report.json"), "{}")).rejects.toThrow();
    await writeFile(path.join(dir, "report.json"), "old");
    // A directory where the file should be: the rename fails, the temp file goes.
    await expect(writeFileAtomic(dir, "{}")).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(["blocker", "report.json"]);
    expect(
      (await readdir(path.dirname(dir))).filter(
        (n) => n.endsWith(".tmp") && n.includes(path.basename(dir)),
      ),
    ).toEqual([]);
  });

  it("sweeps only a dead writer's temp files of the same file", async () => {
    const dir = await testdir();
    const dead = await deadPid();
    const leftovers = {
      dead: `.report.json.${dead}.0123abcd.tmp`,
      live: `.report.json.${process.ppid}.0123abcd.tmp`,
      otherFile: `.summary.md.${dead}.0123abcd.tmp`,
    };
    for (const name of Object.values(leftovers)) await writeFile(path.join(dir, name), "partial");
    await writeFileAtomic(path.join(dir, "report.json"), "{}\n");
    expect((await readdir(dir)).sort()).toEqual(
      [leftovers.live, leftovers.otherFile, "report.json"].sort(),
    );
  });

  it("never leaves a truncated file when the writer is SIGKILLed mid-write", async () => {
    expect(
      existsSync(BUILT),
      "build the package first: pnpm --filter @ml-starter/fs-utils build",
    ).toBe(true);
    const dir = await testdir();
    const file = path.join(dir, "report.json");
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, [WRITE_LOOP, file], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      await new Promise((r) => setTimeout(r, 20 + round * 37));
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
      if (!existsSync(file)) continue; // killed before the first rename: no file is fine
      const parsed = JSON.parse(await readFile(file, "utf8")) as { tag: string; padding: string };
      expect(["A", "B"]).toContain(parsed.tag);
      expect(parsed.padding).toHaveLength(2_000_000);
    }
    expect(existsSync(file)).toBe(true);
    // The next write sweeps the temp files the killed writers left behind.
    await writeFileAtomic(file, "{}\n");
    expect(await readdir(dir)).toEqual(["report.json"]);
  });
});

describe("writeFileExclusive", () => {
  it("creates a new file, but never overwrites one nor writes through a planted symlink", async () => {
    const dir = await testdir();
    await writeFileExclusive(path.join(dir, "new.txt"), "fresh\n");
    expect(await readFile(path.join(dir, "new.txt"), "utf8")).toBe("fresh\n");
    await expect(writeFileExclusive(path.join(dir, "new.txt"), "again")).rejects.toMatchObject({
      code: "EEXIST",
    });
    await writeFile(path.join(dir, "victim.txt"), "mine");
    await symlink(path.join(dir, "victim.txt"), path.join(dir, "link.txt"));
    await expect(writeFileExclusive(path.join(dir, "link.txt"), "evil")).rejects.toMatchObject({
      code: "EEXIST",
    });
    expect(await readFile(path.join(dir, "victim.txt"), "utf8")).toBe("mine");
    expect(await readFile(path.join(dir, "new.txt"), "utf8")).toBe("fresh\n");
  });
});
