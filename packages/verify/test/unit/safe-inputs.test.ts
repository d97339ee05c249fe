import { execFileSync } from "node:child_process";
import { open, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readReportFile } from "../../src/report/read-report.js";
import { INPUT_MAX_BYTES, readRegularFile } from "../../src/read/safe-read.js";
import { verifyProject } from "../../src/verify-project.js";
import { envWith, nodeStep, testdir, writeProject } from "../helpers/project.js";

const env = envWith([]);
const posix = process.platform !== "win32";
// Without the guards these cases block forever on a FIFO: a short limit turns that into a failure.
const QUICK = 15_000;

const outputsPlan = {
  steps: [nodeStep("train", "write-outputs.mjs", [], { role: "train" as const })],
  outputs: [
    { path: "data/synthetic/numbers.csv", kind: "deterministic" as const },
    { path: "outputs/secret.txt", kind: "model" as const },
  ],
};

describe.runIf(posix)("inputs are read safely", () => {
  it(
    "refuses ml-starter.json that is a FIFO (project_file_invalid, no hang, no step run)",
    async () => {
      const dir = await testdir();
      await writeProject(dir, { steps: [nodeStep("train", "write-outputs.mjs")] });
      await rm(path.join(dir, "ml-starter.json"));
      execFileSync("mkfifo", [path.join(dir, "ml-starter.json")]);
      const report = await verifyProject(dir, { env });
      expect(report.failure?.code).toBe("project_file_invalid");
      expect(report.failure?.message).toMatch(/ml-starter\.json is a FIFO, not a regular file/);
      expect(report.steps).toEqual([]);
    },
    QUICK,
  );

  it(
    "refuses a declared output that is a FIFO (input_refused, named)",
    async () => {
      const dir = await testdir();
      await writeProject(dir, outputsPlan);
      execFileSync("mkdir", ["-p", path.join(dir, "outputs")]);
      execFileSync("mkfifo", [path.join(dir, "outputs", "secret.txt")]);
      const report = await verifyProject(dir, { env });
      expect(report.steps.map((s) => s.status)).toEqual(["passed"]);
      expect(report.failure?.code).toBe("input_refused");
      expect(report.failure?.message).toMatch(/outputs\/secret\.txt is a FIFO/);
      expect(report.outputs.find((o) => o.path === "outputs/secret.txt")?.sha256).toBeNull();
    },
    QUICK,
  );

  it("refuses a declared output whose real path leaves the project; its hash is never recorded", async () => {
    const dir = await testdir();
    const elsewhere = await testdir("outside");
    const secret = path.join(elsewhere, "shadow");
    await writeFile(secret, "root:$6$hash-of-a-password:19000:0:99999:7:::\n");
    await writeProject(dir, outputsPlan);
    execFileSync("mkdir", ["-p", path.join(dir, "outputs")]);
    await symlink(secret, path.join(dir, "outputs", "secret.txt"));
    const report = await verifyProject(dir, { env });
    expect(report.failure?.code).toBe("input_refused");
    expect(report.failure?.message).toContain("outputs/secret.txt leads out of the project");
    expect(report.outputs.find((o) => o.path === "outputs/secret.txt")?.sha256).toBeNull();
    // The in-project output is still hashed.
    expect(report.outputs.find((o) => o.path === "data/synthetic/numbers.csv")?.sha256).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it("refuses uv.lock -> /dev/zero before any step runs, without reading it", async () => {
    const dir = await testdir();
    await writeProject(dir, outputsPlan);
    await symlink("/dev/zero", path.join(dir, "uv.lock"));
    const before = process.memoryUsage().rss;
    const report = await verifyProject(dir, { env });
    expect(report.failure?.code).toBe("input_refused");
    expect(report.failure?.message).toMatch(/^uv\.lock leads out of the project/);
    expect(report.steps.map((s) => s.status)).toEqual(["not-run"]);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });

  it("caps the size of a regular input: a sparse uv.lock above the cap is refused", async () => {
    const dir = await testdir();
    await writeProject(dir, outputsPlan);
    const handle = await open(path.join(dir, "uv.lock"), "w");
    await handle.truncate(INPUT_MAX_BYTES + 1);
    await handle.close();
    const report = await verifyProject(dir, { env });
    expect(report.failure?.code).toBe("input_refused");
    expect(report.failure?.message).toMatch(/^uv\.lock is larger than 64 MiB/);
  });

  it("reads at most the cap even when asked for a small one", async () => {
    const dir = await testdir();
    const file = path.join(dir, "big");
    await writeFile(file, "x".repeat(1000));
    await expect(readRegularFile(file, { label: "big", maxBytes: 999 })).rejects.toThrow(
      /big is larger than/,
    );
    expect((await readRegularFile(file, { label: "big", maxBytes: 1000 }))?.length).toBe(1000);
    expect(await readRegularFile(path.join(dir, "none"), { label: "none" })).toBeNull();
  });

  it(
    "a FIFO as devcontainer.json is a finding, never read",
    async () => {
      const dir = await testdir();
      await writeProject(dir, outputsPlan);
      await rm(path.join(dir, ".devcontainer", "devcontainer.json"));
      execFileSync("mkfifo", [path.join(dir, ".devcontainer", "devcontainer.json")]);
      const report = await verifyProject(dir, { env });
      expect(report.devcontainer).toContainEqual(
        expect.objectContaining({
          file: ".devcontainer/devcontainer.json",
          rule: "regular-file",
          message: expect.stringMatching(/is a FIFO/) as unknown,
        }),
      );
    },
    QUICK,
  );

  it(
    "compare refuses a FIFO as a report",
    async () => {
      const dir = await testdir();
      const fifo = path.join(dir, "report.json");
      execFileSync("mkfifo", [fifo]);
      const result = await readReportFile(fifo);
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/is a FIFO/) as unknown });
    },
    QUICK,
  );
});
