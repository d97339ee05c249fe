import { cp, mkdir, readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { VerifyReportSchema } from "@ml-starter/schema";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, runVerifier } from "../helpers/built-cli.js";
import { FIXTURE_PROJECT, nodeStep, readJson, writeProject } from "../helpers/project.js";
import { describeVerifierScenarios } from "./scenarios.js";

let root: TempDir;

beforeAll(async () => {
  assertBuilt();
  root = await tempDirWithSpaces("verify e2e");
});
afterAll(() => root.cleanup());

describeVerifierScenarios("the fixture uv project (real uv and pytest)", {
  templateId: "verify-fixture",
  project: async () => {
    const dir = path.join(root.path, "fixture project");
    await cp(FIXTURE_PROJECT, dir, {
      recursive: true,
      filter: (src) => !/[\\/](\.venv|outputs|data)$/.test(src),
    });
    return dir;
  },
  scratch: async () => {
    const dir = path.join(root.path, "scratch");
    await mkdir(dir, { recursive: true });
    return dir;
  },
});

describe("the built bin", () => {
  it("reports network_unavailable with UV_OFFLINE=1 and a cold cache, and records offline: true", async () => {
    const dir = path.join(root.path, "offline project");
    await cp(FIXTURE_PROJECT, dir, {
      recursive: true,
      filter: (src) => !/[\\/](\.venv|outputs|data)$/.test(src),
    });
    const cache = path.join(root.path, "empty uv cache");
    const run = await runVerifier([dir], {
      env: { ...process.env, UV_OFFLINE: "1", UV_CACHE_DIR: cache },
    });
    expect(run.exitCode, run.all).toBe(3);
    const report = VerifyReportSchema.parse(
      await readJson(path.join(dir, "outputs", "verify", "report.json")),
    );
    expect(report.failure?.code).toBe("network_unavailable");
    expect(report.environment.offline).toBe(true);
    expect(report.steps.find((s) => s.status === "failed")?.outputTail).toContain(
      "Network connectivity is disabled",
    );
  });

  it.skipIf(process.platform === "win32")(
    "reports a real uv older than the plan allows as tool_too_old (exit 3), changing nothing",
    async () => {
      // A real uv 0.12.5 from PyPI, placed first on PATH: the plan needs 0.13 (and the project `==0.13.*`).
      const wheels = path.join(root.path, "old uv wheel");
      const fetched = await execa(
        "python3",
        [
          "-m",
          "pip",
          "download",
          "--quiet",
          "--no-deps",
          "--only-binary=:all:",
          "uv==0.12.5",
          "-d",
          wheels,
        ],
        { reject: false, all: true },
      );
      expect(fetched.exitCode, String(fetched.all)).toBe(0);
      const bin = path.join(root.path, "old uv bin");
      await mkdir(bin, { recursive: true });
      const wheel = (await readdir(wheels)).find((f) => f.endsWith(".whl")) ?? "";
      const unzip = await execa(
        "python3",
        [
          "-c",
          "import sys,zipfile,os; z=zipfile.ZipFile(sys.argv[1]); d=sys.argv[2]; p=os.path.join(d,'uv'); open(p,'wb').write(z.read('uv-0.12.5.data/scripts/uv')); os.chmod(p,0o755)",
          path.join(wheels, wheel),
          bin,
        ],
        { reject: false, all: true },
      );
      expect(unzip.exitCode, String(unzip.all)).toBe(0);
      const dir = path.join(root.path, "old uv project");
      await cp(FIXTURE_PROJECT, dir, {
        recursive: true,
        filter: (src) => !/[\\/](\.venv|outputs|data)$/.test(src),
      });
      const lockBefore = await readFile(path.join(dir, "uv.lock"), "utf8");
      const run = await runVerifier([dir], {
        env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env["PATH"] ?? ""}` },
      });
      expect(run.exitCode, run.all).toBe(3);
      const report = VerifyReportSchema.parse(
        await readJson(path.join(dir, "outputs", "verify", "report.json")),
      );
      expect(report.failure?.code).toBe("tool_too_old");
      expect(report.failure?.message).toMatch(/uv 0\.12\.5.*need 0\.13\.0 or newer/);
      expect(report.environment.uv).toMatch(/0\.12\.5/);
      expect(await readFile(path.join(dir, "uv.lock"), "utf8")).toBe(lockBefore);
    },
  );

  it("fails within a bounded time with network_unavailable when the package index is unreachable", async () => {
    const dir = path.join(root.path, "unreachable index project");
    await cp(FIXTURE_PROJECT, dir, {
      recursive: true,
      filter: (src) => !/[\\/](\.venv|outputs|data)$/.test(src),
    });
    const lockBefore = await readFile(path.join(dir, "uv.lock"), "utf8");
    const started = Date.now();
    // Every request goes through a proxy on a closed loopback port; the cold cache forces downloads.
    // (Pointing UV_DEFAULT_INDEX elsewhere would instead, rightly, fail the lock check first.)
    const closed = "http://127.0.0.1:9";
    const run = await runVerifier([dir], {
      env: {
        ...process.env,
        UV_CACHE_DIR: path.join(root.path, "cold cache for the unreachable index"),
        UV_HTTP_TIMEOUT: "5",
        HTTPS_PROXY: closed,
        HTTP_PROXY: closed,
        https_proxy: closed,
        http_proxy: closed,
        ALL_PROXY: closed,
        NO_PROXY: "",
        no_proxy: "",
      },
    });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(run.exitCode, run.all).toBe(3);
    const report = VerifyReportSchema.parse(
      await readJson(path.join(dir, "outputs", "verify", "report.json")),
    );
    expect(report.failure).toMatchObject({ code: "network_unavailable", step: "sync" });
    expect(report.steps.find((s) => s.id === "sync")?.status).toBe("failed");
    expect(await readFile(path.join(dir, "uv.lock"), "utf8")).toBe(lockBefore);
  });

  it("keeps canary secrets out of the report, the summary and its own output", async () => {
    const dir = path.join(root.path, "canary project");
    const canaries = {
      KAGGLE_KEY: "CANARY-e2e-kaggle-key",
      KAGGLE_API_TOKEN: "CANARY-e2e-kaggle-token",
      GITHUB_TOKEN: "CANARY-e2e-github",
      MY_SECRET: "CANARY-e2e-secret",
      FOO_PASSWORD: "CANARY-e2e-password",
      UV_INDEX_URL: "https://u:CANARY-e2e-url@host.example/simple",
    };
    await writeProject(dir, { steps: [nodeStep("leak", "echo-env.mjs", Object.keys(canaries))] });
    const run = await runVerifier([dir, "--json"], { env: { ...process.env, ...canaries } });
    expect(run.exitCode).toBe(4);
    expect(run.all).not.toContain("CANARY");
    const outDir = path.join(dir, "outputs", "verify");
    for (const f of await readdir(outDir))
      expect(await readFile(path.join(outDir, f), "utf8")).not.toContain("CANARY");
  });
});
