import { mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { VerifyReportSchema, type VerifyReport } from "@ml-starter/schema";
import { describe, expect, it } from "vitest";
import { exitCodeFor } from "../../src/report/exit-codes.js";
import type { StepRunner } from "../../src/run/step-runner.js";
import { verifyProject } from "../../src/verify-project.js";
import { renderSummary } from "../../src/report/summary-markdown.js";
import { eventually, isAlive } from "../helpers/processes.js";
import { envWith, fakeUvBin, nodeStep, testdir, writeProject } from "../helpers/project.js";

const env = envWith([]);
const withoutDurations = (r: VerifyReport) => ({
  ...r,
  steps: r.steps.map((s) => ({ ...s, durationMs: 0 })),
});

const trainPlan = {
  steps: [
    nodeStep("test", "fake-pytest.mjs", ["{junitxml}"], { role: "test" }),
    nodeStep("train", "write-outputs.mjs", [], { role: "train" }),
  ],
  outputs: [
    { path: "data/synthetic/numbers.csv", kind: "deterministic" as const },
    { path: "outputs/metrics.json", kind: "model" as const },
  ],
  metrics: {
    file: "outputs/metrics.json",
    tolerances: [{ metric: "model.*", abs: 0.005 }],
    margins: [
      {
        id: "model-over-baseline",
        metric: "model.accuracy",
        baseline: "baseline.accuracy",
        minDelta: 0.1,
      },
    ],
  },
};

describe("verifyProject (fixture steps on the host)", () => {
  it("runs every step and reports tests, metrics, outputs and margins on success", async () => {
    const dir = await testdir();
    await writeProject(dir, trainPlan);
    const report = await verifyProject(dir, { env });
    expect(VerifyReportSchema.safeParse(report).success).toBe(true);
    expect(report).toMatchObject({
      outcome: "success",
      failure: null,
      mode: "host",
      template: { id: "fixture" },
    });
    expect(report.steps.map((s) => [s.id, s.status, s.exitCode, s.where, s.outputTail])).toEqual([
      ["test", "passed", 0, "host", ""],
      ["train", "passed", 0, "host", ""],
    ]);
    // The scratch path never reaches the report: the command keeps the placeholder.
    expect(report.steps[0]?.command.at(-1)).toBe("{junitxml}");
    expect(report.tests).toMatchObject({ total: 4, passed: 3, skipped: 1, failed: 0 });
    expect(report.tests?.cases.map((c) => c.id)).toContain("tests.test_a::test_param[a&b]");
    expect(report.metrics).toEqual({ "baseline.accuracy": 0.5, "model.accuracy": 0.75 });
    expect(report.margins).toEqual([
      expect.objectContaining({ id: "model-over-baseline", actual: 0.25, ok: true }),
    ]);
    expect(report.outputs.every((o) => /^[0-9a-f]{64}$/.test(o.sha256 ?? ""))).toBe(true);
    expect(report.environment).toMatchObject({
      os: process.platform,
      arch: process.arch,
      runner: "local",
      offline: false,
    });
    expect(report.environment.variables).toMatchObject({ PYTHONHASHSEED: "0", UV_LOCKED: "1" });
    expect(exitCodeFor(report)).toBe(0);
  });

  it("records per step the dataset it used and a fingerprint of src/ and tests/ as it started", async () => {
    const dir = await testdir();
    await mkdir(path.join(dir, "src", "__pycache__"), { recursive: true });
    await writeFile(path.join(dir, "src", "model.py"), "x = 1\n");
    const edit = `require("node:fs").appendFileSync("src/model.py", "x = 2\\n")`;
    const bytecode = `require("node:fs").writeFileSync("src/__pycache__/model.pyc", "bytes")`;
    await writeProject(dir, {
      ...trainPlan,
      steps: [
        nodeStep("test", "fake-pytest.mjs", ["{junitxml}"], { role: "test" }),
        {
          id: "cache",
          title: "cache",
          role: "other",
          run: ["node", "-e", bytecode],
          timeoutMs: 30_000,
        },
        { id: "edit", title: "edit", role: "other", run: ["node", "-e", edit], timeoutMs: 30_000 },
        nodeStep("train", "write-outputs.mjs", ["0.25", "raw"], { role: "train" }),
      ],
    });
    const report = await verifyProject(dir, { env });
    expect(report.outcome, report.failure?.message).toBe("success");
    expect(report.steps.map((s) => [s.id, s.data?.dataset])).toEqual([
      ["test", "synthetic"],
      ["cache", null],
      ["edit", null],
      ["train", "raw"],
    ]);
    const [test, cache, edited, train] = report.steps.map((s) => s.data?.source);
    expect(test).toMatch(/^[0-9a-f]{64}$/);
    expect(cache).toBe(test); // bytecode is not source
    expect(edited).toBe(test);
    expect(train).not.toBe(test); // the code changed after the tests ran: visible
    expect(report.dataset).toBe("raw");
    expect(renderSummary(report)).toMatch(
      /\| train \| ✅ passed \| 0 \| [\d.]+ s \| raw \| `[0-9a-f]{12}` \|/,
    );
  });

  it("gives identical reports on two runs apart from durationMs", async () => {
    const dir = await testdir();
    await writeProject(dir, trainPlan);
    const first = await verifyProject(dir, { env });
    const second = await verifyProject(dir, { env });
    expect(withoutDurations(second)).toEqual(withoutDurations(first));
  });

  it("stops at the first failing step, marks the rest not-run and still reports everything", async () => {
    const dir = await testdir();
    await writeProject(dir, {
      ...trainPlan,
      steps: [
        nodeStep("a", "exit-code.mjs", ["0"]),
        nodeStep("b", "exit-code.mjs", ["2"]),
        nodeStep("c", "exit-code.mjs", ["0"]),
      ],
    });
    const report = await verifyProject(dir, { env });
    expect(report.steps.map((s) => s.status)).toEqual(["passed", "failed", "not-run"]);
    expect(report.failure).toMatchObject({ code: "step_failed", step: "b" });
    expect(report.failure?.message).toMatch(
      /^step "b" \(node .*exit-code\.mjs 2\): exited with code 2/,
    );
    expect(report.steps[1]?.outputTail).toBe("to stdout\nto stderr\n");
    expect(report.steps[1]?.cause?.code).toBe("step_failed");
    expect(report.outputs.map((o) => o.sha256)).toEqual([null, null]);
    expect(report.outcome).toBe("failure");
    expect(exitCodeFor(report)).toBe(4);
  });

  it("names failing tests", async () => {
    const dir = await testdir();
    await writeProject(dir, {
      steps: [nodeStep("test", "fake-pytest.mjs", ["{junitxml}", "fail"], { role: "test" })],
    });
    const report = await verifyProject(dir, { env });
    expect(report.failure).toMatchObject({ code: "tests_failed", step: "test" });
    expect(report.failure?.message).toContain("1 of 4 tests failed: tests.test_b::test_bad");
    expect(report.tests).toMatchObject({ failed: 1, passed: 2 });
  });

  it("kills a step that hangs past its timeout together with its children", async () => {
    const dir = await testdir();
    const pidFile = path.join(dir, "pids.json");
    await writeProject(dir, {
      steps: [
        nodeStep("hang", "sleep-with-grandchild.mjs", [pidFile], { timeoutMs: 1000 }),
        nodeStep("after", "exit-code.mjs"),
      ],
    });
    const report = await verifyProject(dir, { env });
    expect(report.steps.map((s) => [s.status, s.timedOut, s.exitCode])).toEqual([
      ["timed-out", true, null],
      ["not-run", false, null],
    ]);
    expect(report.failure).toMatchObject({ code: "step_timed_out", step: "hang" });
    expect(exitCodeFor(report)).toBe(124);
    const pids = JSON.parse(await readFile(pidFile, "utf8")) as {
      child: number;
      grandchild: number;
    };
    expect(await eventually(() => !isAlive(pids.child) && !isAlive(pids.grandchild))).toBe(true);
  });

  it("reports a missing required tool by name with its hint and a complete report (exit 3)", async () => {
    const dir = await testdir();
    await writeProject(
      dir,
      {
        tools: [
          {
            name: "uv",
            minVersion: "0.13.0",
            required: true,
            hint: "install uv 0.13.x: https://docs.astral.sh/uv/",
          },
        ],
        steps: [
          {
            id: "lock-check",
            title: "lock",
            role: "lock-check",
            run: ["uv", "lock", "--check"],
            timeoutMs: 10_000,
          },
        ],
      },
      { python: true },
    );
    const report = await verifyProject(dir, { env });
    expect(report.failure).toEqual({
      code: "tool_missing",
      step: null,
      message: "uv not found on PATH: install uv 0.13.x: https://docs.astral.sh/uv/",
    });
    expect(report.outcome).toBe("error");
    expect(report.steps.map((s) => s.status)).toEqual(["not-run"]);
    expect(report.inputs.uvLock).toMatch(/^[0-9a-f]{64}$/);
    expect(report.platformSpecific).toEqual(["colorama"]);
    expect(report.environment.uv).toBeNull();
    expect(exitCodeFor(report)).toBe(3);
  });

  it("reports a too-old uv (exit 3) but only records a missing optional tool", async () => {
    const dir = await testdir();
    const bin = await fakeUvBin(dir);
    await writeProject(dir, {
      tools: [
        { name: "uv", minVersion: "0.13.0", required: true, hint: "install uv 0.13.x" },
        { name: "no-such-tool", minVersion: "1.0.0", required: false, hint: "optional" },
      ],
      steps: [nodeStep("a", "exit-code.mjs")],
    });
    const report = await verifyProject(dir, { env: envWith([bin], { FAKE_UV_VERSION: "0.12.5" }) });
    expect(report.failure?.code).toBe("tool_too_old");
    expect(report.failure?.message).toBe(
      "uv is too old (uv 0.12.5 (fake 2026-01-01); need 0.13.0 or newer): install uv 0.13.x",
    );
    expect(report.environment.uv).toBe("uv 0.12.5 (fake 2026-01-01)");
  });

  it.each([
    [
      "drift",
      "lock_out_of_date",
      /uv\.lock is out of date with pyproject\.toml \(lock drift\): run `uv lock`/,
    ],
    ["missing", "lock_missing", /uv\.lock is missing/],
    ["required", "uv_version_mismatch", /Required uv version `==0\.12\.\*` does not match/],
    ["offline", "network_unavailable", /Network connectivity is disabled/],
    ["refused", "network_unavailable", /could not reach the package index/],
    ["unreadable", "lock_unreadable", /upgrade uv/],
    ["test-output", "step_failed", /exited with code 3/],
  ])("maps uv's %s message to %s", async (mode, code, message) => {
    const dir = await testdir();
    const bin = await fakeUvBin(dir);
    await writeProject(
      dir,
      {
        tools: [{ name: "uv", minVersion: "0.13.0", required: true, hint: "install uv" }],
        steps: [
          {
            id: "lock-check",
            title: "lock",
            role: "lock-check",
            run: ["uv", "lock", "--check"],
            timeoutMs: 10_000,
          },
          nodeStep("later", "exit-code.mjs"),
        ],
      },
      { python: true },
    );
    const before = await Promise.all(
      ["uv.lock", "pyproject.toml"].map((f) => readFile(path.join(dir, f))),
    );
    const report = await verifyProject(dir, { env: envWith([bin], { FAKE_UV_MODE: mode }) });
    expect(report.failure).toMatchObject({ code, step: "lock-check" });
    expect(report.failure?.message).toMatch(message);
    expect(report.steps.map((s) => s.status)).toEqual(["failed", "not-run"]);
    const after = await Promise.all(
      ["uv.lock", "pyproject.toml"].map((f) => readFile(path.join(dir, f))),
    );
    expect(after).toEqual(before);
  });

  it("captures non-ASCII output of a failing step exactly", async () => {
    const dir = await testdir();
    await writeProject(dir, {
      steps: [nodeStep("u", "unicode.mjs", [path.join(dir, "u.txt"), "1"])],
    });
    const report = await verifyProject(dir, { env });
    expect(report.steps[0]?.outputTail.split("\n").filter(Boolean)).toEqual([
      "μ=0.5 ✓ 日本",
      "μ=0.5 ✓ 日本",
    ]);
    expect(await readFile(path.join(dir, "u.txt"), "utf8")).toBe("μ=0.5 ✓ 日本\n");
  });

  it("keeps passing steps' output only when asked", async () => {
    const dir = await testdir();
    await writeProject(dir, { steps: [nodeStep("u", "unicode.mjs")] });
    const report = await verifyProject(dir, { env, keepPassedOutput: true });
    expect(report.steps[0]?.outputTail).toContain("μ=0.5 ✓ 日本\n");
  });

  it("reports a missing or invalid ml-starter.json (exit 3) in a complete report", async () => {
    const dir = await testdir();
    const missing = await verifyProject(dir, { env });
    expect(missing.failure?.code).toBe("project_file_missing");
    expect(missing.failure?.message).toContain("ml-starter.json not found");
    expect(exitCodeFor(missing)).toBe(3);
    await writeFile(path.join(dir, "ml-starter.json"), '{"schemaVersion": 2}');
    const invalid = await verifyProject(dir, { env });
    expect(invalid.failure?.code).toBe("project_file_invalid");
    expect(invalid.failure?.message).toMatch(/schemaVersion/);
    expect(VerifyReportSchema.safeParse(invalid).success).toBe(true);
  });

  it("stops on abort: the running tree is killed and the report says interrupted (exit 130)", async () => {
    const dir = await testdir();
    const pidFile = path.join(dir, "pids.json");
    await writeProject(dir, {
      steps: [
        nodeStep("hang", "sleep-with-grandchild.mjs", [pidFile]),
        nodeStep("after", "exit-code.mjs"),
      ],
    });
    const controller = new AbortController();
    const running = verifyProject(dir, { env, signal: controller.signal });
    expect(await eventually(() => existsSync(pidFile))).toBe(true);
    controller.abort();
    const report = await running;
    expect(report.failure).toMatchObject({ code: "interrupted", step: "hang" });
    expect(report.steps.map((s) => s.status)).toEqual(["failed", "not-run"]);
    expect(exitCodeFor(report)).toBe(130);
    const pids = JSON.parse(await readFile(pidFile, "utf8")) as {
      child: number;
      grandchild: number;
    };
    expect(await eventually(() => !isAlive(pids.child) && !isAlive(pids.grandchild))).toBe(true);
  });

  it("fails on devcontainer findings, missing outputs, invalid metrics and failed margins, in that order of steps", async () => {
    const noDevcontainer = await testdir();
    await writeProject(noDevcontainer, trainPlan, { devcontainer: false });
    const r1 = await verifyProject(noDevcontainer, { env });
    expect(r1.failure?.code).toBe("devcontainer_invalid");
    expect(r1.devcontainer.map((f) => `${f.file} ${f.rule}`)).toEqual([
      ".devcontainer/devcontainer.json present",
      ".gitattributes eol-lf",
    ]);

    const missingOutput = await testdir();
    await writeProject(missingOutput, {
      ...trainPlan,
      outputs: [...trainPlan.outputs, { path: "outputs/submission.csv", kind: "model" }],
    });
    const r2 = await verifyProject(missingOutput, { env });
    expect(r2.failure).toMatchObject({
      code: "output_missing",
      message: "declared output not written: outputs/submission.csv",
    });
    expect(r2.outputs.find((o) => o.path === "outputs/submission.csv")?.sha256).toBeNull();

    const badMetrics = await testdir();
    await writeProject(badMetrics, {
      ...trainPlan,
      metrics: { ...trainPlan.metrics, file: "data/synthetic/numbers.csv" },
    });
    expect((await verifyProject(badMetrics, { env })).failure?.code).toBe("metrics_invalid");

    const smallMargin = await testdir();
    await writeProject(smallMargin, {
      ...trainPlan,
      steps: [nodeStep("train", "write-outputs.mjs", ["0.05"], { role: "train" })],
    });
    const r4 = await verifyProject(smallMargin, { env });
    expect(r4.failure).toMatchObject({ code: "margin_failed" });
    expect(r4.failure?.message).toBe(
      "margin model-over-baseline: model.accuracy - baseline.accuracy = 0.05 < 0.1",
    );
    expect(r4.dataset).toBe("synthetic");

    // Trained on the real data: the same small margin is recorded, and does not fail verification.
    const realData = await testdir();
    await writeProject(realData, {
      ...trainPlan,
      steps: [nodeStep("train", "write-outputs.mjs", ["0.05", "raw"], { role: "train" })],
    });
    const r5 = await verifyProject(realData, { env });
    expect(r5.failure).toBeNull();
    expect(r5.outcome).toBe("success");
    expect(r5.dataset).toBe("raw");
    expect(r5.margins).toMatchObject([{ id: "model-over-baseline", actual: 0.05, ok: false }]);
  });
});

describe("verifyProject through another StepRunner (the container seam)", () => {
  it("sends every command, probes included, through the runner and marks where steps ran", async () => {
    const dir = await testdir();
    await writeProject(dir, {
      tools: [{ name: "uv", minVersion: "0.13.0", required: true, hint: "install uv" }],
      steps: [
        {
          id: "sync",
          title: "sync",
          role: "sync",
          run: ["uv", "sync", "--locked"],
          timeoutMs: 10_000,
        },
        {
          id: "echo",
          title: "echo",
          role: "other",
          run: ["uv", "run", "--locked", "{package}", "x"],
          timeoutMs: 10_000,
        },
      ],
    });
    await mkdir(path.join(dir, "outputs"));
    await writeFile(
      path.join(dir, "outputs", "metrics.json"),
      JSON.stringify({
        schema_version: 1,
        archetype: "x",
        dataset: "synthetic",
        seed: 1,
        models: { m: { a: 1 } },
      }),
    );
    const calls: string[][] = [];
    const runner: StepRunner = {
      where: "container",
      resolve: (tool) => Promise.resolve(tool === "uv" ? "/usr/local/bin/uv" : undefined),
      run: (argv) => {
        calls.push([...argv]);
        const output =
          argv[1] === "--version"
            ? "uv 0.13.8 (container)\n"
            : argv.includes("python")
              ? '@@ml-starter-probe@@{"version": "3.11.9 (main)", "implementation": "CPython", "machine": "aarch64", "executable": "/w/.venv/bin/python"}\n'
              : argv.includes("pip")
                ? '[{"name":"numpy","version":"2.4.6"}]\n'
                : "";
        return Promise.resolve({ exitCode: 0, timedOut: false, durationMs: 5, output });
      },
      dispose: () => Promise.resolve(),
      platform: () => Promise.resolve({ os: "linux", osRelease: "container", arch: "arm64" }),
      projectDir: "/workspaces/fixture",
    };
    const report = await verifyProject(dir, { env, runner });
    expect(report).toMatchObject({ mode: "container", outcome: "success" });
    expect(report.steps.map((s) => s.where)).toEqual(["container", "container"]);
    expect(report.steps[1]?.command).toEqual(["uv", "run", "--locked", "fixture", "x"]);
    expect(report.environment).toMatchObject({
      os: "linux",
      arch: "arm64",
      uv: "uv 0.13.8 (container)",
    });
    expect(report.environment.python).toEqual({
      version: "3.11.9 (main)",
      implementation: "CPython",
      machine: "aarch64",
    });
    expect(report.installed).toEqual([{ name: "numpy", version: "2.4.6" }]);
    expect(calls.map((c) => c.slice(1, 3).join(" "))).toEqual([
      "--version",
      "sync --locked",
      "run --locked",
      "pip list",
      "run --locked",
    ]);
    expect(calls.find((c) => c[1] === "pip")).toContain("/w/.venv/bin/python");
  });

  it("does not record a sync whose environment cannot be fingerprinted as success", async () => {
    const dir = await testdir();
    await writeProject(dir, {
      tools: [{ name: "uv", minVersion: "0.13.0", required: true, hint: "install uv" }],
      steps: [
        {
          id: "sync",
          title: "sync",
          role: "sync",
          run: ["uv", "sync", "--locked"],
          timeoutMs: 10_000,
        },
      ],
    });
    const runner: StepRunner = {
      where: "host",
      resolve: () => Promise.resolve("/bin/uv"),
      run: (argv) =>
        Promise.resolve({
          exitCode: argv.includes("python") ? 1 : 0,
          timedOut: false,
          durationMs: 1,
          output: argv[1] === "--version" ? "uv 0.13.8\n" : "",
        }),
      dispose: () => Promise.resolve(),
    };
    const report = await verifyProject(dir, { env, runner });
    expect(report.failure).toMatchObject({ code: "step_failed", step: null });
    expect(report.failure?.message).toContain("could not be fingerprinted after sync");
    expect(report.environment.python).toBeNull();
  });

  it("turns a runner that cannot be created into a docker_unavailable report", async () => {
    const dir = await testdir();
    await writeProject(dir, trainPlan);
    const { VerifyError } = await import("../../src/report/errors.js");
    const report = await verifyProject(dir, {
      env,
      mode: "container",
      createRunner: () => Promise.reject(new VerifyError("docker_unavailable", "no Docker engine")),
    });
    expect(report).toMatchObject({
      mode: "container",
      outcome: "error",
      failure: { code: "docker_unavailable", message: "no Docker engine" },
    });
    expect(report.steps.map((s) => s.status)).toEqual(["not-run", "not-run"]);
    expect(exitCodeFor(report)).toBe(3);
  });
});
