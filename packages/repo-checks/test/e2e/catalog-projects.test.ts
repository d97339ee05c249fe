// Every catalog entry generates AND runs (issue 12): generated in-process with its competition, then the
// locked environment, the project's own synthetic-data and train steps (read from ml-starter.json), and
// a submission in the profile's exact format, and the project's own pytest suite for EVERY entry: the
// suite is written against whatever profile the project has, so one profile can break it where another
// passes (group_kfold profiles did).
import path from "node:path";
import { readFile, stat } from "node:fs/promises";
import { createProject, loadCatalog, type Competition } from "@ml-starter/create";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, TEMPLATES_DIR } from "../lib/paths.js";
import { csvShape, readMetrics, readProjectFile, runIn, stepOf } from "../lib/project-run.js";

const CATALOG_DIR = path.join(REPO_ROOT, "catalog");
const catalog = await loadCatalog(CATALOG_DIR);
const SYNC_TIMEOUT = 900_000;

let tmp: TempDir;
const scores: string[] = [];
beforeAll(async () => {
  tmp = await tempDirWithSpaces("catalog projects");
});
afterAll(async () => {
  if (scores.length > 0) console.log(`catalog scores on synthetic data:\n${scores.join("\n")}`);
  await tmp?.cleanup();
});

async function generateAndRun(entry: Competition): Promise<void> {
  const { profile } = entry;
  const result = await createProject({
    targetDir: path.join(tmp.path, entry.slug),
    archetype: profile.archetype,
    competition: entry.slug,
    templatesRoot: TEMPLATES_DIR,
    catalogRoot: CATALOG_DIR,
    git: false,
    install: false,
  });
  const dir = result.targetDir;
  expect(await readFile(path.join(dir, "competition.toml"), "utf8")).toBe(entry.profileToml);
  const project = await readProjectFile(dir);
  await runIn(dir, ["uv", "sync", "--locked"], SYNC_TIMEOUT);
  await runIn(
    dir,
    ["uv", "run", "--locked", "pytest", "-q", "-p", "no:cacheprovider"],
    SYNC_TIMEOUT,
  );
  for (const role of ["generate-data", "train"]) {
    const step = stepOf(project, role);
    await runIn(dir, step.run, step.timeoutMs);
  }
  const submissionPath = project.verify.outputs
    .map((o) => o.path)
    .find((p) => path.posix.basename(p) === "submission.csv");
  expect(submissionPath, "ml-starter.json lists the submission among its outputs").toBeDefined();
  const submission = csvShape(await readFile(path.join(dir, submissionPath ?? ""), "utf8"));
  expect(submission.header, "submission header = [submission].columns").toEqual(
    profile.submission.columns,
  );
  expect(submission.rows, "one submission row per synthetic test row").toBe(
    profile.synthetic.test_rows,
  );
  const models = await readMetrics(dir, project);
  const metric = profile.metric.name;
  // What `verify` checks besides the steps: every declared output exists, and the profile's margin holds.
  for (const output of project.verify.outputs) {
    await expect(
      stat(path.join(dir, output.path)).then((s) => s.isFile()),
      `${output.path} was written`,
    ).resolves.toBe(true);
  }
  // One rule per naive baseline the archetype runs (text: the majority class and the keyword rule), all on the profile's metric.
  const marginMetrics = project.verify.metrics.margins.map((r) => r.metric.split(".")[1]);
  expect(marginMetrics.length).toBeGreaterThan(0);
  expect(new Set(marginMetrics)).toEqual(new Set([profile.synthetic.margin.metric]));
  for (const rule of project.verify.metrics.margins) {
    const value = (name: string) => models[name.split(".")[0] ?? ""]?.[name.split(".")[1] ?? ""];
    const [model, baseline] = [value(rule.metric), value(rule.baseline)];
    expect(
      model !== undefined && baseline !== undefined && model - baseline >= (rule.minDelta ?? 0),
      `${rule.id}: ${rule.metric} ${model} vs ${rule.baseline} ${baseline}`,
    ).toBe(true);
  }
  scores.push(
    `  ${entry.slug} (${metric}): ${Object.entries(models)
      .map(([m, v]) => `${m} ${v[metric]?.toFixed(4) ?? "?"}`)
      .join(", ")}`,
  );
}

describe.each(catalog.map((c) => [c.slug, c] as const))("catalog entry %s", (_slug, entry) => {
  it(
    "generates, installs, passes its tests, trains on synthetic data and submits in the profile's format",
    async () => {
      await generateAndRun(entry);
    },
    SYNC_TIMEOUT * 2,
  );
});
