import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isProcessAlive } from "../../src/process-alive.js";

describe("isProcessAlive", () => {
  it("is true for this process and a running child, false once the child has exited", async () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], {
      stdio: "ignore",
    });
    const pid = child.pid ?? -1;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    expect(isProcessAlive(pid)).toBe(true);
    child.kill("SIGKILL");
    await exited;
    expect(isProcessAlive(pid)).toBe(false);
  });

  it("is false for pids that cannot be a process (0 would mean our own process group)", () => {
    for (const pid of [0, -1, 1.5, Number.NaN])
      expect(isProcessAlive(pid), String(pid)).toBe(false);
  });
});
