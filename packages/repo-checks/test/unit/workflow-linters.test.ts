// actionlint (with shellcheck on every run: script) and zizmor (offline, pedantic) over the monorepo's
// workflows and Dependabot config, and over the generated projects' .github as stored in the templates.
// The same tools run over each generated project in test/e2e/generated-projects.test.ts.
import os from "node:os";
import path from "node:path";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, SHARED_GITHUB_DIR } from "../lib/paths.js";
import { actionlint, runActionlint, runZizmor, shellcheckPath } from "../lib/tools.js";
import { monorepoWorkflowFiles, templateWorkflowFiles } from "../lib/workflows.js";

beforeAll(async () => {
  // Fetch (or build) the tools once, outside the per-test timeout.
  await Promise.all([actionlint(), shellcheckPath()]);
}, 600_000);

describe("actionlint", () => {
  it("passes the monorepo workflows", async () => {
    const result = await runActionlint(monorepoWorkflowFiles(), REPO_ROOT);
    expect(result.exitCode, `${result.command}\n${result.all}`).toBe(0);
  });

  it("passes the generated projects' workflow (templates/_shared/_github/workflows)", async () => {
    const result = await runActionlint(templateWorkflowFiles(), REPO_ROOT);
    expect(result.exitCode, `${result.command}\n${result.all}`).toBe(0);
  });

  it("is a real check: it fails a workflow with a bad expression and a shellcheck finding", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "repo-checks actionlint "));
    try {
      await mkdir(path.join(root, ".github", "workflows"), { recursive: true });
      const bad = path.join(root, ".github", "workflows", "bad.yml");
      await writeFile(
        bad,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.event.nope.x }} $UNQUOTED_var\n        if: ${{ matrix.missing }}\n",
      );
      const result = await runActionlint([bad], root);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(/matrix/);
      expect(result.stdout).toMatch(/shellcheck/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("zizmor (offline)", () => {
  it("passes the monorepo's .github (workflows and dependabot.yml)", async () => {
    const result = await runZizmor([".github"], REPO_ROOT);
    expect(result.exitCode, `${result.command}\n${result.all}`).toBe(0);
    expect(result.stdout).toMatch(/No findings to report/);
  });

  it("passes the generated projects' workflow and dependabot.yml", async () => {
    const inputs = [...templateWorkflowFiles(), path.join(SHARED_GITHUB_DIR, "dependabot.yml")];
    const result = await runZizmor(inputs, REPO_ROOT);
    expect(result.exitCode, `${result.command}\n${result.all}`).toBe(0);
    expect(result.stdout).toMatch(/No findings to report/);
  });

  it("is a real check: it flags an unpinned action and a template injection", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "repo-checks zizmor "));
    try {
      const bad = path.join(root, "bad.yml");
      await writeFile(
        bad,
        "on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo ${{ github.event.pull_request.title }}\n",
      );
      const result = await runZizmor([bad], root);
      expect(result.exitCode).not.toBe(0);
      expect(result.stdout).toMatch(/unpinned-uses/);
      expect(result.stdout).toMatch(/template-injection/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
