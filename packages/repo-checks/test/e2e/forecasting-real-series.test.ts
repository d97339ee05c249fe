// A real daily series through a generated forecasting project, configured by its competition.toml only:
// Seattle's daily maximum temperature (test/fixtures/seattle-weather), the last 16 days held out as the test.
// The backtest must put LightGBM ahead of the better naive forecast on data the generator was not designed
// for; the held-out figures are printed (on one 16-day window either side can win).
import path from "node:path";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { createProject } from "@ml-starter/create";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, TEMPLATES_DIR } from "../lib/paths.js";
import { readMetrics, readProjectFile, runIn, stepOf } from "../lib/project-run.js";

const FIXTURE = path.join(REPO_ROOT, "packages/repo-checks/test/fixtures/seattle-weather");
const HORIZON = 16;
const TIMEOUT = 900_000;
/** How much lower LightGBM's backtest MAE (°C) must be than the better naive forecast's. */
const MARGIN = 0.1;

const PROFILE = `schema_version = 1
archetype = "forecasting"
slug = ""
title = "Seattle daily maximum temperature"

[files]
train = "train.csv"
test = "test.csv"
sample_submission = "sample_submission.csv"

[series]
keys = ["station"]
time = "date"
target = "temp_max"
horizon = ${HORIZON}

[submission]
id = "id"
prediction = "temp_max"

[metric]
name = "mae"

[validation]
folds = 6

[synthetic]
seed = 42
margin = { min_delta = ${MARGIN} }
`;

/** train/test/sample submission (and the held-out truth) of the one-series competition. */
async function writeCompetition(rawDir: string, solution: string): Promise<void> {
  const text = await readFile(path.join(FIXTURE, "seattle-weather.csv"), "utf8");
  const [header = "", ...lines] = text.trimEnd().split(/\r?\n/);
  const columns = header.split(",");
  const [date, temp] = [columns.indexOf("date"), columns.indexOf("temp_max")];
  const rows = lines.map((l) => l.split(",")).map((r) => [r[date]?.replaceAll("/", "-"), r[temp]]);
  const train = rows.slice(0, -HORIZON);
  const test = rows.slice(-HORIZON);
  const csv = (head: string, body: string[]) => `${head}\n${body.join("\n")}\n`;
  await mkdir(rawDir, { recursive: true });
  await writeFile(
    path.join(rawDir, "train.csv"),
    csv(
      "date,station,temp_max",
      train.map(([d, t]) => `${d},seattle,${t}`),
    ),
  );
  await writeFile(
    path.join(rawDir, "test.csv"),
    csv(
      "id,date,station",
      test.map(([d], i) => `${i},${d},seattle`),
    ),
  );
  await writeFile(
    path.join(rawDir, "sample_submission.csv"),
    csv(
      "id,temp_max",
      test.map((_, i) => `${i},0`),
    ),
  );
  await writeFile(
    solution,
    csv(
      "id,temp_max",
      test.map(([, t], i) => `${i},${t}`),
    ),
  );
}

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDirWithSpaces("forecasting real series");
});
afterAll(async () => {
  await tmp?.cleanup();
});

describe("a real daily series (Seattle's maximum temperature)", () => {
  it(
    "trains from competition.toml alone, and LightGBM's backtest beats the better naive forecast",
    async () => {
      const { targetDir: dir } = await createProject({
        targetDir: path.join(tmp.path, "seattle"),
        archetype: "forecasting",
        templatesRoot: TEMPLATES_DIR,
        catalogRoot: path.join(REPO_ROOT, "catalog"),
        git: false,
        install: false,
      });
      await writeFile(path.join(dir, "competition.toml"), PROFILE);
      const solution = path.join(tmp.path, "solution.csv");
      await writeCompetition(path.join(dir, "data", "raw"), solution);
      const project = await readProjectFile(dir);
      await runIn(dir, ["uv", "sync", "--locked"], TIMEOUT);
      const train = stepOf(project, "train");
      await runIn(dir, train.run, train.timeoutMs);
      const metrics = JSON.parse(
        await readFile(path.join(dir, project.verify.metrics.file), "utf8"),
      ) as { dataset: string };
      expect(metrics.dataset).toBe("raw");
      const models = await readMetrics(dir, project);
      const [strong, best] = [models.lightgbm?.mae, models.best_naive?.mae];
      const held: string[] = [];
      for (const model of ["lightgbm", "last_value", "seasonal_naive"]) {
        const predict = [
          "uv",
          "run",
          "--locked",
          project.answers.importName,
          "predict",
          "--model",
          model,
        ];
        await runIn(dir, predict, TIMEOUT);
        const score = ["uv", "run", "--locked", project.answers.importName, "score"];
        const out = await runIn(
          dir,
          [...score, "outputs/submission.csv", "--solution", solution],
          TIMEOUT,
        );
        held.push(`${model} ${out.stdout.trim()}`);
      }
      console.log(
        `Seattle temp_max, backtest MAE: ${JSON.stringify(models)}\nheld out: ${held.join("; ")}`,
      );
      expect(
        strong !== undefined && best !== undefined && strong <= best - MARGIN,
        `${strong} vs ${best}`,
      ).toBe(true);
    },
    TIMEOUT * 2,
  );
});
