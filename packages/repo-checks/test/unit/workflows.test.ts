// The workflows' structure, parsed with `yaml`: least privilege, pinned runners, timeouts, the
// archetype matrix derived from the manifests, and the generated project's verify.yml contract.
import path from "node:path";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { manifestIds } from "../lib/archetypes.js";
import { REPO_ROOT, SHARED_GITHUB_DIR, TEMPLATES_DIR, toPosix } from "../lib/paths.js";
import { run } from "@ml-starter/test-utils";
import {
  allSteps,
  loadWorkflow,
  monorepoWorkflowFiles,
  PINNED_RUNNERS,
  runnerLabels,
  stepsOf,
  templateWorkflowFiles,
  triggers,
  type Job,
  type Step,
  type WorkflowFile,
} from "../lib/workflows.js";

const UV_VERSION = "0.13.8";
const ARCHETYPE_MATRIX = "${{ fromJSON(needs.archetypes.outputs.ids) }}";

const all: WorkflowFile[] = [...monorepoWorkflowFiles(), ...templateWorkflowFiles()].map((f) =>
  loadWorkflow(f, toPosix(path.relative(REPO_ROOT, f))),
);
const byLabel = (label: string) => {
  const wf = all.find((w) => w.label === label);
  if (!wf) throw new Error(`${label} not found`);
  return wf;
};
const job = (wf: WorkflowFile, id: string): Job => {
  const j = wf.workflow.jobs[id];
  if (!j) throw new Error(`${wf.label}: no job ${id}`);
  return j;
};
const stepRunning = (j: Job, pattern: RegExp): Step | undefined =>
  stepsOf(j).find((s) => pattern.test(s.run ?? ""));
const stepUsing = (j: Job, action: string): Step | undefined =>
  stepsOf(j).find((s) => (s.uses ?? "").startsWith(`${action}@`));
/** The verifier package generated CI pins, by exact name and version (docs/decisions.md D14). */
const verifier = JSON.parse(
  readFileSync(path.join(REPO_ROOT, "packages", "verify", "package.json"), "utf8"),
) as { name: string; version: string };
const verifierSpec = `${verifier.name}@${verifier.version}`;

const RELEASE = ".github/workflows/release.yml";
/** The generated projects' weekly `check-update` (issue 17): scheduled and manual only. */
const CHECK_UPDATE = "templates/_shared/_github/workflows/check-update.yml";
/** The only job-level grants above read: the release's OIDC token, and check-update's pull request. */
const ELEVATED: Record<string, Record<string, Record<string, string>>> = {
  [RELEASE]: { publish: { contents: "read", "id-token": "write" } },
  // Pushes the update's branch and opens its pull request (issue 17).
  [CHECK_UPDATE]: { "check-update": { contents: "write", "pull-requests": "write" } },
};

describe.each(all.map((wf) => [wf.label, wf] as const))("%s", (_label, wf) => {
  const jobs = Object.entries(wf.workflow.jobs);

  it("grants only contents: read at workflow level, and no job asks for more (but the release's id-token)", () => {
    expect(wf.workflow.permissions).toEqual({ contents: "read" });
    for (const [id, j] of jobs) {
      const allowed = ELEVATED[wf.label]?.[id];
      if (allowed !== undefined) {
        expect(j.permissions, `${wf.label}: job ${id}`).toEqual(allowed);
        continue;
      }
      if (j.permissions === undefined) continue;
      expect(
        Object.values(j.permissions as Record<string, string>).every(
          (v) => v === "read" || v === "none",
        ),
      ).toBe(true);
    }
  });

  it("never runs on pull_request_target or workflow_run (untrusted code with a privileged token)", () => {
    expect(triggers(wf.workflow)).not.toContain("pull_request_target");
    expect(triggers(wf.workflow)).not.toContain("workflow_run");
    expect(wf.text).not.toMatch(/pull_request_target/);
  });

  it("runs on pushes to main; all but the release also on pull requests and a weekly cron", () => {
    const on = wf.workflow.on as {
      push?: { branches?: string[] };
      schedule?: Array<{ cron: string }>;
    };
    if (wf.label === CHECK_UPDATE) {
      // Asks the registry whether a newer template exists: a question for a timer, not for each push.
      expect(triggers(wf.workflow).sort()).toEqual(["schedule", "workflow_dispatch"]);
      expect(on.schedule?.map((s) => s.cron)).toEqual([
        expect.stringMatching(/^\d+ \d+ \* \* [0-6]$/),
      ]);
      return;
    }
    expect(on.push?.branches).toContain("main");
    if (wf.label === RELEASE) {
      // A job holding a publishing token never runs a pull request's code, nor on a timer.
      expect(triggers(wf.workflow)).not.toContain("pull_request");
      expect(triggers(wf.workflow)).not.toContain("schedule");
      return;
    }
    expect(triggers(wf.workflow)).toEqual(
      expect.arrayContaining(["push", "pull_request", "schedule"]),
    );
    const crons = on.schedule?.map((s) => s.cron) ?? [];
    expect(crons).toHaveLength(1);
    // minute hour * * day-of-week: once a week.
    expect(crons[0]).toMatch(/^\d+ \d+ \* \* [0-6]$/);
  });

  it("has a concurrency group", () => {
    expect(wf.workflow.concurrency).toMatchObject({
      group: expect.stringContaining("github.workflow") as unknown,
    });
  });

  it("sets timeout-minutes on every job", () => {
    for (const [id, j] of jobs) {
      expect(typeof j["timeout-minutes"], `${wf.label}: job ${id}`).toBe("number");
      expect(j["timeout-minutes"] as number).toBeLessThanOrEqual(90);
    }
  });

  it("pins every runner image by label", () => {
    for (const [id, j] of jobs) {
      for (const label of runnerLabels(j))
        expect(PINNED_RUNNERS, `${wf.label}: job ${id} runs on ${String(label)}`).toContain(label);
    }
  });

  it("checks out without persisting the token", () => {
    const checkouts = allSteps(wf.workflow).filter((s) =>
      (s.uses ?? "").startsWith("actions/checkout@"),
    );
    for (const s of checkouts) expect(s.with?.["persist-credentials"]).toBe(false);
  });

  it("never expands an expression inside a run: script (values go through env:)", () => {
    for (const s of allSteps(wf.workflow)) expect(s.run ?? "").not.toContain("${{");
  });
});

describe(".github/workflows/ci.yml", () => {
  const wf = byLabel(".github/workflows/ci.yml");
  const checks = job(wf, "checks");

  it("runs on the three OSes with Node 20, and Node 24 (current LTS) on Linux", () => {
    expect(checks.strategy?.matrix?.["os"]).toEqual([...PINNED_RUNNERS]);
    expect(checks.strategy?.matrix?.["node"]).toEqual(["20"]);
    expect(checks.strategy?.matrix?.["include"]).toEqual([{ os: "ubuntu-24.04", node: "24" }]);
  });

  it("installs from the frozen lockfile, then lints, typechecks and runs the unit tests", () => {
    const runs = stepsOf(checks).map((s) => s.run ?? "");
    const order = [
      "pnpm install --frozen-lockfile",
      "pnpm build",
      "pnpm lint",
      "pnpm typecheck",
      "pnpm test",
    ].map((c) => runs.indexOf(c));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("caches the pnpm store and the uv cache", () => {
    expect(stepUsing(checks, "actions/setup-node")?.with).toMatchObject({ cache: "pnpm" });
    expect(stepUsing(checks, "astral-sh/setup-uv")?.with).toMatchObject({
      version: UV_VERSION,
      "enable-cache": true,
    });
  });
});

describe(RELEASE, () => {
  const wf = byLabel(RELEASE);
  const publish = job(wf, "publish");

  it("runs only on pushes to main and by hand: never on pull requests or a schedule", () => {
    expect(triggers(wf.workflow).sort()).toEqual(["push", "workflow_dispatch"]);
    expect((wf.workflow.on as { push: { branches: string[] } }).push.branches).toEqual(["main"]);
  });

  it("is one publishing job in the npm environment, never cancelled halfway", () => {
    expect(Object.keys(wf.workflow.jobs)).toEqual(["publish"]);
    expect((publish as { environment?: unknown }).environment).toBe("npm");
    expect(wf.workflow.concurrency).toMatchObject({ "cancel-in-progress": false });
  });

  it("builds and unit-tests from the frozen lockfile, then runs `pnpm release` with provenance", () => {
    const runs = stepsOf(publish).map((s) => s.run ?? "");
    const order = ["pnpm install --frozen-lockfile", "pnpm build", "pnpm test", "pnpm release"].map(
      (c) => runs.indexOf(c),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(stepRunning(publish, /^pnpm release$/)?.env).toEqual({ NPM_CONFIG_PROVENANCE: "true" });
    const rootScripts = (
      JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(rootScripts["release"]).toBe("changeset publish --no-git-tag");
  });

  it("uses npm 11 (Node 24) for trusted publishing, and no cache or token", () => {
    expect(stepUsing(publish, "actions/setup-node")?.with).toEqual({ "node-version": "24" });
    expect(stepUsing(publish, "astral-sh/setup-uv")?.with).toMatchObject({ "enable-cache": false });
    expect(wf.text).not.toMatch(/secrets\.|registry-url|_authToken|NODE_AUTH_TOKEN/);
  });
});

describe(".github/workflows/templates.yml", () => {
  const wf = byLabel(".github/workflows/templates.yml");
  const ids = manifestIds(TEMPLATES_DIR);

  it("reads the archetype list from templates/*/template.json: running its script gives the manifests' ids", async () => {
    const read = stepsOf(job(wf, "archetypes")).find((s) => s.id === "read");
    const script = /node --input-type=module -e '([\s\S]*?)'\s*>>\s*"\$GITHUB_OUTPUT"/.exec(
      read?.run ?? "",
    )?.[1];
    expect(script, "the read step runs one node -e script into $GITHUB_OUTPUT").toBeDefined();
    const result = await run(process.execPath, ["--input-type=module", "-e", script ?? ""], {
      cwd: REPO_ROOT,
    });
    expect(result.exitCode, result.all).toBe(0);
    const line = result.stdout.trim();
    expect(line.startsWith("ids=")).toBe(true);
    expect(JSON.parse(line.slice("ids=".length))).toEqual(ids);
    expect(ids.length).toBeGreaterThan(0);
  });

  it("feeds every per-archetype matrix from that job, and names no archetype itself", () => {
    const perArchetype = Object.entries(wf.workflow.jobs).filter(
      ([, j]) => j.strategy?.matrix?.["archetype"] !== undefined,
    );
    expect(perArchetype.map(([id]) => id).sort()).toEqual(["container", "relock-drift", "verify"]);
    for (const [, j] of perArchetype) {
      expect(j.strategy?.matrix?.["archetype"]).toBe(ARCHETYPE_MATRIX);
      expect([j.needs].flat()).toContain("archetypes");
    }
    for (const id of ids) expect(wf.text).not.toContain(id);
  });

  it("generates outside the repo with the built CLI, verifies, and uploads one report per archetype × OS", () => {
    const verify = job(wf, "verify");
    expect(verify.strategy?.matrix?.["os"]).toEqual([...PINNED_RUNNERS]);
    expect(
      stepRunning(
        verify,
        /node packages\/create-ml-starter\/dist\/cli\.js "\$RUNNER_TEMP\/gen\/\$ARCHETYPE-project"/,
      )?.run,
    ).toMatch(/--archetype "\$ARCHETYPE" --no-interactive --no-git/);
    expect(
      stepRunning(
        verify,
        /node packages\/verify\/dist\/cli\/cli\.js "\$RUNNER_TEMP\/gen\/\$ARCHETYPE-project"/,
      )?.run,
    ).toMatch(/--report /);
    expect(stepUsing(verify, "actions/upload-artifact")?.with).toMatchObject({
      name: "report-${{ matrix.archetype }}-${{ matrix.os }}",
      "if-no-files-found": "error",
    });
    expect(stepRunning(verify, /git -C clone ls-files --eol/)).toBeDefined();
  });

  it("installs libomp (LightGBM's OpenMP runtime) on macOS before running projects", () => {
    expect(stepRunning(job(wf, "verify"), /^brew install libomp$/m)?.if).toBe(
      "runner.os == 'macOS'",
    );
  });

  it("runs container mode on Linux", () => {
    const container = job(wf, "container");
    expect(container["runs-on"]).toBe("ubuntu-24.04");
    expect(
      stepRunning(container, /node packages\/verify\/dist\/cli\/cli\.js .* --container/),
    ).toBeDefined();
  });

  it("compares all reports per archetype into the job summary", () => {
    const compare = job(wf, "compare");
    expect([compare.needs].flat()).toEqual(expect.arrayContaining(["verify", "container"]));
    expect(stepUsing(compare, "actions/download-artifact")?.with).toMatchObject({
      pattern: "report-*",
    });
    const step = stepRunning(
      compare,
      /node packages\/verify\/dist\/cli\/cli\.js compare "\$\{reports\[@\]\}" > "compare-\$id\.txt"/,
    );
    expect(step?.run).toMatch(
      /cat "compare-\$id\.txt"\n\s*echo '```'\n\s*\} >> "\$GITHUB_STEP_SUMMARY"/,
    );
  });

  it("checks byte-identity and the template lint on every OS", () => {
    const portability = job(wf, "portability");
    expect(portability.strategy?.matrix?.["os"]).toEqual([...PINNED_RUNNERS]);
    expect(
      stepRunning(portability, /pnpm --filter @ml-starter\/repo-checks test:e2e/),
    ).toBeDefined();
  });
});

describe("the generated project's .github/workflows/verify.yml", () => {
  const wf = byLabel("templates/_shared/_github/workflows/verify.yml");
  const verify = job(wf, "verify");

  it("is copied byte for byte (not a .hbs template) and names no project", () => {
    const stored = readdirSync(path.join(SHARED_GITHUB_DIR, "workflows"));
    expect(stored).toEqual(["check-update.yml", "verify.yml"]);
    expect(wf.text).not.toMatch(/\{\{\s*(projectName|distName|importName)/);
  });

  it("runs on the three pinned OSes, with libomp installed on macOS", () => {
    expect(verify.strategy?.matrix?.["os"]).toEqual([...PINNED_RUNNERS]);
    expect(verify["runs-on"]).toBe("${{ matrix.os }}");
    expect(stepRunning(verify, /^brew install libomp$/m)?.if).toBe("runner.os == 'macOS'");
  });

  it("sets up the exact uv version, Python 3.11, and installs from the committed lock", () => {
    expect(stepUsing(verify, "astral-sh/setup-uv")?.with).toMatchObject({
      version: UV_VERSION,
      "python-version": "3.11",
    });
    expect(stepsOf(verify).some((s) => s.run === "uv sync --locked")).toBe(true);
  });

  it("uses a uv that satisfies every archetype's [tool.uv] required-version, and pins what uv add adds", () => {
    for (const id of manifestIds(TEMPLATES_DIR)) {
      // The archetype's own pyproject wins over one from the layers it extends (e.g. _tabular).
      const manifest = JSON.parse(
        readFileSync(path.join(TEMPLATES_DIR, id, "template.json"), "utf8"),
      ) as {
        extends?: string[];
      };
      const pyproject = [id, ...(manifest.extends ?? []).reverse()]
        .map((dir) => path.join(TEMPLATES_DIR, dir, "pyproject.toml.hbs"))
        .filter((file) => existsSync(file))
        .map((file) => readFileSync(file, "utf8"))[0];
      if (pyproject === undefined) continue; // an archetype still being written
      const required = /required-version\s*=\s*"==(\d+\.\d+)\.\*"/.exec(pyproject)?.[1];
      expect(required, `${id}: required-version`).toBeDefined();
      expect(UV_VERSION.startsWith(`${required}.`), id).toBe(true);
      // `uv add <pkg>` then writes `pkg==x.y.z`, keeping the exact-pins promise (uv >= 0.13 reads it).
      expect(pyproject, `${id}: [tool.uv] add-bounds`).toMatch(/^add-bounds = "exact"$/m);
    }
  });

  it("runs the verifier package at its exact version and uploads a report per OS", () => {
    expect(stepsOf(verify).map((s) => s.run)).toContain(
      `npx --yes ${verifierSpec} --report verify-report.json`,
    );
    expect(stepUsing(verify, "actions/upload-artifact")?.with).toMatchObject({
      name: "verify-report-${{ matrix.os }}",
      path: "verify-report.json",
    });
  });

  it("compares the reports in a job that needs all OSes, into the step summary", () => {
    const compare = job(wf, "compare");
    expect(compare.needs).toBe("verify");
    expect(stepUsing(compare, "actions/download-artifact")?.with).toMatchObject({
      pattern: "verify-report-*",
    });
    const pinned = `npx --yes ${verifierSpec} compare "\${reports[@]}" > compare.txt`;
    const step = stepsOf(compare).find((s) => (s.run ?? "").includes(pinned));
    expect(step?.run).toMatch(/cat compare\.txt\n\s*echo '```'\n\s*\} >> "\$GITHUB_STEP_SUMMARY"/);
    expect(step?.run).toMatch(/exit "\$status"$/m);
  });

  it("downloads Kaggle data only when the secret is configured, and hands the token to that step alone", () => {
    expect(verify.env).toEqual({ KAGGLE_CONFIGURED: "${{ secrets.KAGGLE_API_TOKEN != '' }}" });
    const download = stepRunning(verify, / download$/m);
    expect(download?.if).toBe("env.KAGGLE_CONFIGURED == 'true'");
    expect(download?.env).toEqual({ KAGGLE_API_TOKEN: "${{ secrets.KAGGLE_API_TOKEN }}" });
    expect(download?.run).toContain("ml-starter.json");
    const mentions = wf.text.match(/secrets\.\w+/g) ?? [];
    expect(mentions).toEqual(["secrets.KAGGLE_API_TOKEN", "secrets.KAGGLE_API_TOKEN"]);
    for (const s of allSteps(wf.workflow)) expect(s.if ?? "").not.toContain("secrets.");
  });
});

describe("dependabot", () => {
  interface Update {
    "package-ecosystem": string;
    directory?: string;
    directories?: string[];
    schedule?: { interval?: string };
    cooldown?: { "default-days"?: number };
  }
  const load = (file: string) =>
    parse(readFileSync(file, "utf8")) as { version: number; updates: Update[] };
  const dirs = (u: Update) => u.directories ?? [u.directory ?? ""];

  it("covers github-actions (incl. the generated projects' workflow), npm, uv and devcontainers in the monorepo", () => {
    const config = load(path.join(REPO_ROOT, ".github", "dependabot.yml"));
    expect(config.version).toBe(2);
    const by = Object.fromEntries(config.updates.map((u) => [u["package-ecosystem"], u]));
    expect(Object.keys(by).sort()).toEqual(["devcontainers", "github-actions", "npm", "uv"]);
    expect(dirs(by["github-actions"] as Update)).toEqual([
      "/",
      "/templates/_shared/_github/workflows",
    ]);
    expect(dirs(by["devcontainers"] as Update)).toEqual(["/"]);
    for (const u of config.updates) {
      expect(u.schedule?.interval).toBe("weekly");
      expect(u.cooldown?.["default-days"]).toBeGreaterThanOrEqual(1);
    }
  });

  it("gives generated projects uv, github-actions and devcontainers updates with a cooldown", () => {
    const config = load(path.join(SHARED_GITHUB_DIR, "dependabot.yml"));
    expect(config.updates.map((u) => u["package-ecosystem"]).sort()).toEqual([
      "devcontainers",
      "github-actions",
      "uv",
    ]);
    for (const u of config.updates) {
      expect(dirs(u)).toEqual(["/"]);
      expect(u.cooldown?.["default-days"]).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("the generated project's .github/workflows/check-update.yml", () => {
  const wf = byLabel(CHECK_UPDATE);
  const check = job(wf, "check-update");

  it("runs update from the latest package, a non-zero exit (conflicts) failing before any commit", () => {
    const update = stepRunning(check, /npx --yes @ml-starter\/create@latest update --json/);
    expect(update).toBeDefined();
    const steps = stepsOf(check);
    const open = stepRunning(check, /gh pr create/);
    expect(open).toBeDefined();
    expect(steps.indexOf(update!)).toBeLessThan(steps.indexOf(open!));
    expect((update as Record<string, unknown>)["continue-on-error"]).toBeUndefined();
  });

  it("opens the pull request with gh and the job token, the checkout keeping no credentials", () => {
    const open = stepRunning(check, /gh pr create/)!;
    expect(open.env).toMatchObject({ GH_TOKEN: "${{ github.token }}" });
    expect(open.run).toMatch(/gh auth setup-git/);
    expect(open.run).toMatch(/git ls-remote --exit-code --heads origin "\$branch"/);
    expect(stepUsing(check, "actions/checkout")?.with).toMatchObject({
      "persist-credentials": false,
    });
    const actions = stepsOf(check).flatMap((s) => (s.uses ? [s.uses.split("@")[0]] : []));
    expect(actions).toEqual(["actions/checkout", "actions/setup-node", "astral-sh/setup-uv"]);
  });
});
