// Every catalog entry generates AND runs (issue 12): generated in-process with its competition, then the
// locked environment, the project's own synthetic-data and train steps (read from ml-starter.json), and
// a submission in the profile's exact format (basket: Instacart's order_id,products, one row per test
// order), and the project's own pytest suite for EVERY entry: the suite is written against whatever profile the project has, so one profile can break it where another
// passes (group_kfold profiles did).
import path from "node:path";
import { readFile, stat } from "node:fs/promises";
import { createProject, loadCatalog, type Competition } from "@ml-starter/create";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import {
  isTabularProfile,
  type CompetitionProfile,
  type ForecastingProfile,
  type RecommenderProfile,
} from "@ml-starter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, TEMPLATES_DIR } from "../lib/paths.js";
import {
  csvColumns,
  csvShape,
  readMetrics,
  readProjectFile,
  runIn,
  stepOf,
} from "../lib/project-run.js";

const CATALOG_DIR = path.join(REPO_ROOT, "catalog");
// CATALOG_ONLY=<archetype or slug> runs just those entries (a helper's check of one archetype).
const only = process.env.CATALOG_ONLY;
const catalog = (await loadCatalog(CATALOG_DIR)).filter(
  (c) => only === undefined || only === c.slug || only === c.profile.archetype,
);
const SYNC_TIMEOUT = 900_000;
/** The basket archetype's one metric (mean F1 per order), the `f1` of its metrics.json models. */
const BASKET_METRIC = "f1";

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
  // The plan's own pytest arguments (basket's --e2e runs its training tests), without the JUnit report.
  const testStep = stepOf(project, "test");
  await runIn(
    dir,
    testStep.run.filter((arg) => !arg.includes("{junitxml}")),
    SYNC_TIMEOUT,
  );
  // Lint first: an import line grows with the project's name (House Prices' is 43 characters).
  for (const role of ["lint", "format-check", "generate-data", "train"]) {
    const step = stepOf(project, role);
    await runIn(dir, step.run, step.timeoutMs);
  }
  // Basket's `rules` step (role "other") writes outputs/association_rules.csv, a declared output.
  for (const step of project.verify.steps.filter((s) => s.role === "other"))
    await runIn(dir, step.run, step.timeoutMs);
  const submissionPath = project.verify.outputs
    .map((o) => o.path)
    .find((p) => path.posix.basename(p) === "submission.csv");
  expect(submissionPath, "ml-starter.json lists the submission among its outputs").toBeDefined();
  const submissionText = await readFile(path.join(dir, submissionPath ?? ""), "utf8");
  if (isTabularProfile(profile)) checkTabularSubmission(submissionText, profile);
  else if (profile.archetype === "recommender")
    await expectRecommendations(dir, profile, submissionText);
  else if (profile.archetype === "forecasting") await expectForecasts(dir, profile, submissionText);
  else await checkBasketSubmission(dir, submissionText);
  const models = await readMetrics(dir, project);
  const metric = profile.archetype === "basket-analysis" ? BASKET_METRIC : profile.metric.name;
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
  const marginMetric = isTabularProfile(profile) ? profile.synthetic.margin.metric : metric;
  expect(new Set(marginMetrics)).toEqual(new Set([marginMetric]));
  for (const rule of project.verify.metrics.margins) {
    const value = (name: string) => models[name.split(".")[0] ?? ""]?.[name.split(".")[1] ?? ""];
    const [model, baseline] = [value(rule.metric), value(rule.baseline)];
    expect(
      model !== undefined &&
        baseline !== undefined &&
        (rule.minRatio === undefined
          ? model - baseline >= (rule.minDelta ?? 0)
          : model >= baseline * rule.minRatio),
      `${rule.id}: ${rule.metric} ${model} vs ${rule.baseline} ${baseline}`,
    ).toBe(true);
  }
  scores.push(
    `  ${entry.slug} (${metric}): ${Object.entries(models)
      .map(([m, v]) => `${m} ${v[metric]?.toFixed(4) ?? "?"}`)
      .join(", ")}`,
  );
}

/** A tabular submission: the profile's header, one row per synthetic test row. */
function checkTabularSubmission(text: string, profile: CompetitionProfile): void {
  const submission = csvShape(text);
  expect(submission.header, "submission header = [submission].columns").toEqual(
    profile.submission.columns,
  );
  expect(submission.rows, "one submission row per synthetic test row").toBe(
    profile.synthetic.test_rows,
  );
}

/**
 * Instacart's format: `order_id,products`, one row per held-out order of the synthetic solution (Instacart's
 * test orders, or the orders a transaction log's loader holds out), each `products` space-separated product
 * ids and/or the token None (never empty).
 */
async function checkBasketSubmission(dir: string, text: string): Promise<void> {
  const [header, ...rows] = text.trimEnd().split(/\r?\n/);
  expect(header).toBe("order_id,products");
  const solution = (await readFile(path.join(dir, "data/synthetic/_solution.csv"), "utf8"))
    .trimEnd()
    .split(/\r?\n/)
    .slice(1);
  const testOrders = solution.map((line) => line.split(",")[0]);
  expect(testOrders.length).toBeGreaterThan(0);
  const submitted = rows.map((r) => r.split(","));
  expect(submitted.map((r) => r[0]).sort(), "one row per test order").toEqual(testOrders.sort());
  for (const [orderId, products, ...rest] of submitted) {
    expect(rest, `order ${orderId}: two fields`).toEqual([]);
    expect(products, `order ${orderId}`).toMatch(/^(\d+|None)( (\d+|None))*$/);
  }
}

/** A recommender's submission: the sample's columns, one row per sample user in its order, ≤ K distinct known items. */
async function expectRecommendations(dir: string, profile: RecommenderProfile, text: string) {
  const synthetic = (file: string) => readFile(path.join(dir, "data/synthetic", file), "utf8");
  const sample = csvColumns(await synthetic(profile.files.sample_submission));
  // Known items: the items table where the profile has one, else every item interacted with.
  const [file, column] =
    profile.files.items !== undefined && profile.items !== undefined
      ? [profile.files.items, profile.items.id]
      : [profile.files.interactions, profile.interactions.item];
  const items = new Set(csvColumns(await synthetic(file)).get(column));
  const submission = csvColumns(text);
  const { user, prediction } = profile.submission;
  expect([...submission.keys()], "submission columns = the sample submission's").toEqual([
    ...sample.keys(),
  ]);
  expect(submission.get(user), "one row per sample-submission user, in its order").toEqual(
    sample.get(user),
  );
  expect(items.size).toBeGreaterThan(0);
  for (const [i, cell] of (submission.get(prediction) ?? []).entries()) {
    const ids = cell.split(" ").filter((id) => id !== "");
    const row = `${submission.get(user)?.[i]}: ${cell}`;
    expect(ids.length, row).toBeGreaterThan(0);
    expect(ids.length, row).toBeLessThanOrEqual(profile.task.k);
    expect(new Set(ids).size, `${row} repeats an item`).toBe(ids.length);
    expect(
      ids.filter((id) => !items.has(id)),
      `${row} names unknown items`,
    ).toEqual([]);
  }
}

/** A forecaster's submission: the sample's columns and ids in its order, one non-negative number each. */
async function expectForecasts(dir: string, profile: ForecastingProfile, text: string) {
  const sampleText = await readFile(
    path.join(dir, "data/synthetic", profile.files.sample_submission),
    "utf8",
  );
  const sample = csvColumns(sampleText);
  const submission = csvColumns(text);
  const { id, prediction } = profile.submission;
  expect([...submission.keys()], "submission columns = the sample submission's").toEqual([
    id,
    prediction,
  ]);
  expect([...sample.keys()]).toEqual([id, prediction]);
  expect(submission.get(id), "one row per sample-submission id, in its order").toEqual(
    sample.get(id),
  );
  const values = (submission.get(prediction) ?? []).map(Number);
  expect(values.length).toBeGreaterThan(0);
  expect(values.filter((v) => !Number.isFinite(v) || v < 0)).toEqual([]);
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
