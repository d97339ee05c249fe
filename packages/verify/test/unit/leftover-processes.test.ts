import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildChildEnv } from "../../src/run/fixed-env.js";
import { createHostRunner } from "../../src/run/host/host-runner.js";
import { verifyProject } from "../../src/verify-project.js";
import { isAlive } from "../helpers/processes.js";
import { envWith, nodeStep, stepScript, testdir, writeProject } from "../helpers/project.js";

const env = buildChildEnv(envWith([]));

describe.runIf(process.platform === "linux")("processes a step leaves behind", () => {
  it.each(["ignore", "inherit"])(
    "a setsid daemon (stdio %s) is killed when the step ends, and the step still passes",
    async (stdio) => {
      const dir = await testdir();
      const pidFile = path.join(dir, "daemon.pid");
      const runner = createHostRunner({ env });
      const started = Date.now();
      const result = await runner.run(
        [process.execPath, stepScript("daemon.mjs"), pidFile, stdio],
        {
          cwd: dir,
          env,
          timeoutMs: 20_000,
        },
      );
      const daemon = Number(await readFile(pidFile, "utf8"));
      // Checked as soon as run() returns: the daemon must be gone by then, not some time later.
      const alive = isAlive(daemon);
      if (alive) process.kill(daemon, "SIGKILL");
      expect(alive).toBe(false);
      expect(result).toMatchObject({ exitCode: 0, timedOut: false });
      expect(result.output).toContain("daemon started");
      expect(Date.now() - started).toBeLessThan(10_000);
    },
  );

  it("verifyProject: the daemon of a passing step does not outlive the run", async () => {
    const dir = await testdir();
    const pidFile = path.join(dir, "daemon.pid");
    await writeProject(dir, { steps: [nodeStep("spawn", "daemon.mjs", [pidFile, "ignore"])] });
    const report = await verifyProject(dir, { env: envWith([]) });
    const daemon = Number(await readFile(pidFile, "utf8"));
    const alive = isAlive(daemon);
    if (alive) process.kill(daemon, "SIGKILL");
    expect(alive).toBe(false);
    expect(report.steps.map((s) => s.status)).toEqual(["passed"]);
  });
});
