import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { VerifyReportSchema } from "@ml-starter/schema";
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/cli/cli-args.js";
import { main } from "../../src/cli/cli-main.js";
import { cliIo } from "../helpers/cli-io.js";
import { loadContainerRunnerFactory } from "../../src/run/load-container-runner.js";
import { serializeReport } from "../../src/report/write-report.js";
import { envWith, nodeStep, readJson, testdir, writeProject } from "../helpers/project.js";
import { onMac, sampleReport } from "../helpers/report.js";

const io = cliIo;

describe("argument parsing", () => {
  it.each([
    [
      [],
      {
        kind: "verify",
        dir: ".",
        report: undefined,
        summary: undefined,
        container: false,
        trust: false,
        debug: false,
        json: false,
      },
    ],
    [
      ["proj", "--report", "r.json", "--summary", "s.md", "--json", "--debug", "--container"],
      {
        kind: "verify",
        dir: "proj",
        report: "r.json",
        summary: "s.md",
        container: true,
        trust: false,
        debug: true,
        json: true,
      },
    ],
    [
      ["compare", "a.json", "b.json", "--json"],
      { kind: "compare", files: ["a.json", "b.json"], json: true, debug: false },
    ],
    [["--help"], { kind: "help" }],
    [["-v"], { kind: "version" }],
  ])("%j", (argv, expected) => {
    expect(parseCliArgs(argv)).toEqual(expected);
  });

  it.each([
    [["--nope"]],
    [["a", "b"]],
    [["--report"]],
    [["--report", ""]],
    [["compare", "only-one.json"]],
  ])("rejects %j", (argv) => {
    expect(() => parseCliArgs(argv)).toThrow();
  });
});

describe("CLI", () => {
  it("documents usage and every exit code in --help, prints --version, and exits 2 on a bad flag", async () => {
    const help = io(process.cwd());
    expect(await main(["--help"], help.io)).toBe(0);
    for (const code of [
      "0 ",
      "2 ",
      "3 ",
      "4 ",
      "124",
      "130",
      "tool_missing",
      "lock_out_of_date",
      "compare",
    ]) {
      expect(help.out()).toContain(code);
    }
    // `Usage:` form for an 80-column terminal.
    expect(help.out()).toMatch(/^Usage:\n {2}ml-starter-verify \[dir\] \[options\]\n/m);
    expect(
      help
        .out()
        .split("\n")
        .filter((line) => line.length > 80),
    ).toEqual([]);
    const version = io(process.cwd());
    expect(await main(["--version"], version.io)).toBe(0);
    expect(version.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
    const bad = io(process.cwd());
    expect(await main(["--frobnicate"], bad.io)).toBe(2);
    expect(bad.err()).toContain("usage: ml-starter-verify");
    expect(bad.out()).toBe("");
  });

  it("writes the report and summary to outputs/verify by default, logs one line per step to stderr", async () => {
    const dir = await testdir();
    await writeProject(dir, {
      steps: [nodeStep("one", "exit-code.mjs"), nodeStep("two", "exit-code.mjs", ["1"])],
    });
    const summaryFile = path.join(dir, "step-summary.md");
    await writeFile(summaryFile, "previous\n");
    const run = io(dir, envWith([], { GITHUB_STEP_SUMMARY: summaryFile }));
    expect(await main([], run.io)).toBe(4);
    expect(run.out()).toBe("");
    const lines = run.err().trim().split("\n");
    expect(lines.filter((l) => /^[✓✗⏱] /.test(l))).toEqual([
      expect.stringMatching(/^✓ one {2}node .*exit-code\.mjs {2}\d+\.\ds$/),
      expect.stringMatching(/^✗ two {2}node .*exit-code\.mjs 1 {2}\d+\.\ds {2}step_failed$/),
      expect.stringMatching(/^✗ failure: step_failed — step "two"/),
    ]);
    const report = VerifyReportSchema.parse(
      await readJson(path.join(dir, "outputs", "verify", "report.json")),
    );
    expect(report.failure?.step).toBe("two");
    const md = await readFile(path.join(dir, "outputs", "verify", "report.md"), "utf8");
    expect(md).toContain("## ml-starter-verify: ❌ failure (step_failed)");
    expect(md).toMatch(/\| two \| ❌ failed \| 1 \|/);
    expect(md).toContain("to stderr");
    expect(await readFile(summaryFile, "utf8")).toBe(`previous\n${md}\n`);
  });

  it("prints the report as JSON on stdout with --json, to the paths given", async () => {
    const dir = await testdir();
    await writeProject(dir, { steps: [nodeStep("train", "write-outputs.mjs")] });
    const run = io(dir);
    expect(await main([".", "--json", "--report", "r/out.json", "--summary", "s.md"], run.io)).toBe(
      0,
    );
    expect(run.out()).toBe(await readFile(path.join(dir, "r", "out.json"), "utf8"));
    expect(existsSync(path.join(dir, "s.md"))).toBe(true);
  });

  it("never lets a canary secret reach the report, the summary or the logs", async () => {
    const dir = await testdir();
    const canaries = {
      KAGGLE_KEY: "CANARY-kaggle-key-11",
      KAGGLE_API_TOKEN: "CANARY-kaggle-api-token-22",
      GITHUB_TOKEN: "CANARY-github-token-33",
      MY_SECRET: "CANARY-my-secret-44",
      FOO_PASSWORD: "CANARY-foo-password-55",
      UV_INDEX_URL: "https://u:CANARY-index-66@host.example/simple",
    };
    const names = Object.keys(canaries);
    await writeProject(dir, {
      steps: [nodeStep("leak", "echo-env.mjs", [...names, "--token=CANARY-kaggle-key-11"])],
    });
    const run = io(dir, envWith([], canaries));
    expect(await main([".", "--json", "--debug"], run.io)).toBe(4);
    const files = await readdir(path.join(dir, "outputs", "verify"));
    const written = await Promise.all(
      files.map((f) => readFile(path.join(dir, "outputs", "verify", f), "utf8")),
    );
    for (const text of [...written, run.out(), run.err()]) expect(text).not.toContain("CANARY");
    const report = VerifyReportSchema.parse(JSON.parse(run.out()));
    expect(report.environment.variables).toMatchObject({
      KAGGLE_API_TOKEN: "[REDACTED]",
      UV_INDEX_URL: "https://host.example",
    });
    expect(report.steps[0]?.outputTail).toContain("KAGGLE_KEY=[REDACTED]");
    expect(report.steps[0]?.command.at(-1)).toBe("--token=[REDACTED]");
  });

  it("compares reports: 0 without drift, 4 naming the drift, 2 for unreadable input, --json for machines", async () => {
    const dir = await testdir();
    const write = async (name: string, text: string) => {
      await writeFile(path.join(dir, name), text);
      return name;
    };
    const a = await write("a.json", serializeReport(sampleReport()));
    const b = await write("b.json", serializeReport(sampleReport(onMac)));
    const c = await write(
      "c.json",
      serializeReport(sampleReport((r) => (r.inputs.uvLock = "e".repeat(64)))),
    );
    const ok = io(dir);
    expect(await main(["compare", a, b], ok.io)).toBe(0);
    expect(ok.out()).toContain("No drift: 2 reports agree.");
    const drift = io(dir);
    expect(await main(["compare", a, b, c], drift.io)).toBe(4);
    expect(drift.out()).toContain("uv.lock hash differs");
    const json = io(dir);
    expect(await main(["compare", a, c, "--json"], json.io)).toBe(4);
    expect(JSON.parse(json.out())).toMatchObject({
      ok: false,
      differences: [{ kind: "input", subject: "uv.lock" }],
    });
    expect(json.err()).toContain("uv.lock");
    const bad = io(dir);
    await write("bad.json", '{"not": "a report"}');
    expect(await main(["compare", a, "bad.json", "missing.json"], bad.io)).toBe(2);
    expect(bad.err()).toContain("bad.json: not a verify report");
    expect(bad.err()).toContain("missing.json: cannot be read (ENOENT)");
  });

  it("reports a container runner that cannot be loaded as docker_unavailable", async () => {
    const missing = new URL("./no-such-dir/index.js", import.meta.url).href;
    await expect(loadContainerRunnerFactory(missing)).rejects.toMatchObject({
      code: "docker_unavailable",
    });
  });
});
