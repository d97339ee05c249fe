import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createHostRunner } from "../../src/run/host/host-runner.js";
import { buildChildEnv } from "../../src/run/fixed-env.js";
import { eventually, isAlive } from "../helpers/processes.js";
import { envWith, stepScript, testdir } from "../helpers/project.js";

const env = buildChildEnv(envWith([]));
const runner = createHostRunner({ env });
const node = process.execPath;

describe("host runner", () => {
  it("reports the exit code and interleaved output of a real child", async () => {
    const dir = await testdir();
    const result = await runner.run([node, stepScript("exit-code.mjs"), "3"], {
      cwd: dir,
      env,
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ exitCode: 3, timedOut: false });
    expect(result.output).toContain("to stdout\n");
    expect(result.output).toContain("to stderr\n");
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("captures non-ASCII output exactly (UTF-8 decoded)", async () => {
    const dir = await testdir();
    const result = await runner.run([node, stepScript("unicode.mjs")], {
      cwd: dir,
      env,
      timeoutMs: 10_000,
    });
    expect(result.exitCode).toBe(0);
    expect(result.output).toBe("μ=0.5 ✓ 日本\nμ=0.5 ✓ 日本\n");
  });

  it("kills the whole tree on timeout: neither the child nor its grandchild survives", async () => {
    const dir = await testdir();
    const pidFile = path.join(dir, "pids.json");
    const started = Date.now();
    const result = await runner.run([node, stepScript("sleep-with-grandchild.mjs"), pidFile], {
      cwd: dir,
      env,
      timeoutMs: 1500,
    });
    expect(Date.now() - started).toBeLessThan(1500 + 10_000);
    expect(result).toMatchObject({ timedOut: true, exitCode: null });
    expect(result.output).toContain("sleeping");
    const pids = JSON.parse(await readFile(pidFile, "utf8")) as {
      child: number;
      grandchild: number;
    };
    expect(await eventually(() => !isAlive(pids.child) && !isAlive(pids.grandchild))).toBe(true);
  });

  it("kills the tree when the signal aborts and says it was interrupted", async () => {
    const dir = await testdir();
    const pidFile = path.join(dir, "pids.json");
    const controller = new AbortController();
    const running = runner.run([node, stepScript("sleep-with-grandchild.mjs"), pidFile], {
      cwd: dir,
      env,
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    expect(await eventually(() => existsSync(pidFile))).toBe(true);
    controller.abort();
    const result = await running;
    expect(result).toMatchObject({ interrupted: true, timedOut: false, exitCode: null });
    const pids = JSON.parse(await readFile(pidFile, "utf8")) as {
      child: number;
      grandchild: number;
    };
    expect(await eventually(() => !isAlive(pids.child) && !isAlive(pids.grandchild))).toBe(true);
  });

  it("passes exactly the given environment (no second copy of process.env)", async () => {
    const dir = await testdir();
    const only = { ...env, ONLY_THIS: "yes" };
    const result = await runner.run([node, "-e", "console.log(JSON.stringify(process.env))"], {
      cwd: dir,
      env: only,
      timeoutMs: 10_000,
    });
    const seen = JSON.parse(result.output) as Record<string, string>;
    expect(seen["ONLY_THIS"]).toBe("yes");
    expect(seen["PYTHONHASHSEED"]).toBe("0");
    expect(Object.keys(seen).filter((k) => k.toUpperCase() === "PATH")).toHaveLength(1);
  });

  it("resolves tools on the child PATH and reports a missing one as undefined", async () => {
    expect(await runner.resolve("node")).toBe(resolvedNode());
    expect(await runner.resolve("definitely-not-a-tool-xyz")).toBeUndefined();
  });
});

function resolvedNode(): string {
  return path.join(path.dirname(process.execPath), path.basename(process.execPath));
}
