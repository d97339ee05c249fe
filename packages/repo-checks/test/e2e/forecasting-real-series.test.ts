// A real daily series through `--from-data`: Seattle's daily maximum temperature
// (test/fixtures/seattle-weather) written as a one-series competition folder (no key column, the last 16 days
// held out as the test), scaffolded by the built CLI, which must infer a forecasting profile from the files
// alone. The backtest must put LightGBM ahead of the better naive forecast on data the generator was not
// designed for; the held-out figures are printed (on one 16-day window either side can win).
import path from "node:path";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { execa } from "execa";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_CLI, REPO_ROOT } from "../lib/paths.js";
import { readMetrics, readProjectFile, runIn, stepOf } from "../lib/project-run.js";

const FIXTURE = path.join(REPO_ROOT, "packages/repo-checks/test/fixtures/seattle-weather");
const HORIZON = 16;
const TIMEOUT = 900_000;
/** How much lower LightGBM's backtest MAE (°C) must be than the better naive forecast's. */
const MARGIN = 0.1;

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
      "date,temp_max",
      train.map(([d, t]) => `${d},${t}`),
    ),
  );
  await writeFile(
    path.join(rawDir, "test.csv"),
    csv(
      "id,date",
      test.map(([d], i) => `${i},${d}`),
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
    "is inferred as one daily series, and LightGBM's backtest beats the better naive forecast",
    async () => {
      const input = path.join(tmp.path, "seattle weather");
      const solution = path.join(tmp.path, "solution.csv");
      await writeCompetition(input, solution);
      const dir = path.join(tmp.path, "seattle");
      const argv = [BUILT_CLI, dir, "--from-data", input, "--metric", "mae"];
      await execa(process.execPath, [...argv, "--no-interactive", "--no-install", "--no-git"], {
        cwd: tmp.path,
        stdin: "ignore",
        timeout: 120_000,
      });
      // What was inferred, line by line (the keys, time, target and horizon of one daily series).
      const toml = await readFile(path.join(dir, "competition.toml"), "utf8");
      for (const line of [
        'archetype = "forecasting"',
        "keys = []",
        'time = "date"',
        'frequency = "D"',
        'target = "temp_max"',
        `horizon = ${HORIZON}`,
        'id = "id"',
        'name = "mae"',
      ])
        expect(toml.split("\n"), line).toContain(line);
      const project = await readProjectFile(dir);
      await runIn(dir, ["uv", "sync", "--locked"], TIMEOUT);
      // The project's own suite holds on its inferred profile (one synthetic series, its margin).
      const tests = stepOf(project, "test");
      await runIn(dir, tests.run, tests.timeoutMs);
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
