import { describe, expect, it } from "vitest";
import { buildChildEnv } from "../../src/run/fixed-env.js";
import { createHostRunner } from "../../src/run/host/host-runner.js";
import { OutputRing } from "../../src/run/output-ring.js";
import { verifyProject } from "../../src/verify-project.js";
import { envWith, nodeStep, stepScript, testdir, writeProject } from "../helpers/project.js";

const env = buildChildEnv(envWith([]));
const MiB = 1024 * 1024;

describe("step output is bounded", () => {
  it("keeps only the tail of a 64 MiB output, with the real exit code", async () => {
    const dir = await testdir();
    const runner = createHostRunner({ env, outputBytes: MiB });
    const result = await runner.run([process.execPath, stepScript("flood.mjs"), "64", "0"], {
      cwd: dir,
      env,
      timeoutMs: 60_000,
    });
    expect(result.exitCode).toBe(0);
    expect(Buffer.byteLength(result.output)).toBeLessThanOrEqual(MiB + 100);
    expect(result.output).toMatch(/^\[… \d+ bytes of earlier output omitted\]\nline \d{10} x+\n/);
    expect(result.output.slice(-100)).toContain("flood done\n");
    expect(result.output).toContain("to stderr\n");
  });

  it("a step printing 300 MiB and exiting 0 passes (it failed with 'exit code none' before)", async () => {
    const dir = await testdir();
    await writeProject(dir, { steps: [nodeStep("flood", "flood.mjs", ["300", "0"])] });
    const report = await verifyProject(dir, { env: envWith([]) });
    expect(report.steps.map((s) => [s.status, s.exitCode])).toEqual([["passed", 0]]);
  }, 120_000);

  it("a failing flooded step reports its real exit code and the end of its output", async () => {
    const dir = await testdir();
    await writeProject(dir, { steps: [nodeStep("flood", "flood.mjs", ["8", "3"])] });
    const report = await verifyProject(dir, { env: envWith([]) });
    const step = report.steps[0];
    expect([step?.status, step?.exitCode]).toEqual(["failed", 3]);
    expect(step?.outputTail.slice(-100)).toContain("flood done\n");
    expect(Buffer.byteLength(step?.outputTail ?? "")).toBeLessThanOrEqual(4096);
  });

  it("OutputRing never holds more than its capacity and keeps exactly the last bytes", () => {
    const ring = new OutputRing(1000);
    let all = "";
    for (let i = 0; i < 500; i++) {
      const chunk = `${i}:${"y".repeat((i * 37) % 300)}\n`;
      ring.push(chunk);
      all += chunk;
      expect(ring.retainedBytes).toBeLessThanOrEqual(1000);
    }
    ring.push("z".repeat(5000)); // one chunk larger than the ring
    all += "z".repeat(5000);
    expect(ring.retainedBytes).toBe(1000);
    expect(ring.totalBytes).toBe(Buffer.byteLength(all));
    const text = ring.text();
    expect(text.endsWith("z".repeat(1000))).toBe(true);
    const small = new OutputRing(1000);
    small.push("μ ✓\n");
    expect(small.text()).toBe("μ ✓\n");
  });
});
