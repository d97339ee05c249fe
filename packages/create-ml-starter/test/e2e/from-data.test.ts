// --from-data on REAL data through the built bin: scikit-learn's breast cancer (binary), wine (multiclass)
// and diabetes (regression), written in Kaggle's layout by test/fixtures/sklearn/make_fixtures.py
// (public datasets shipped in the scikit-learn wheel; committed so the test runs offline).
import path from "node:path";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { CompetitionProfileSchema, METRICS, type MetricName } from "@ml-starter/schema";
import { tempDirWithSpaces, treeState, type TempDir } from "@ml-starter/test-utils";
import { parse } from "smol-toml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run, runBuiltCli } from "../built-cli.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/sklearn/", import.meta.url));

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("from data");
});
afterEach(async () => tmp.cleanup());

// Against the linear model, the strong one must win ("beats") or, on folds too small for its trees
// to split (wine: 106 rows a fold), be that linear model ("matches"); never lose to it.
const DATASETS = [
  ["breast-cancer", "binary", "malignant", "beats"],
  ["wine", "multiclass", "cultivar", "matches"],
  ["diabetes", "regression", "progression", "beats"],
] as const;

const rowsOf = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((l) => l.split(","));

describe("--from-data on scikit-learn's real datasets", () => {
  it.each(DATASETS)(
    "%s: the built bin infers %s, writes a valid profile, copies the data, trains with no edits",
    async (name, task, target, versusLinear) => {
      const source = path.join(FIXTURES, name);
      const before = await treeState(source);
      const r = await runBuiltCli(["proj", "--from-data", source, "--no-git"], { cwd: tmp.path });
      expect(r.exitCode).toBe(0);
      const project = path.join(tmp.path, "proj");
      const toml = await readFile(path.join(project, "competition.toml"), "utf8");
      const profile = CompetitionProfileSchema.parse(parse(toml));
      expect(profile.task).toMatchObject({ type: task, target: [target], id: ["id"] });
      expect(profile.files).toEqual({
        train: "train.csv",
        test: "test.csv",
        sample_submission: "sample_submission.csv",
      });
      expect(r.stdout).toContain(toml.trim()); // without a terminal the profile is printed as written
      expect((await readdir(path.join(project, "data", "raw"))).sort()).toEqual([
        "sample_submission.csv",
        "test.csv",
        "train.csv",
      ]);
      expect(await readFile(path.join(project, "data", "raw", "train.csv"))).toEqual(
        await readFile(path.join(source, "train.csv")),
      );
      expect(await treeState(source)).toEqual(before); // copied, never moved

      const train = await run("uv", ["run", "--locked", "proj", "train"], { cwd: project });
      expect(train.exitCode).toBe(0);
      const metrics = JSON.parse(
        await readFile(path.join(project, "outputs", "metrics.json"), "utf8"),
      ) as {
        dataset: string;
        metric: MetricName;
        models: Record<string, Record<string, number>>;
      };
      expect(metrics.dataset).toBe("raw");
      const score = (model: string) => metrics.models[model]?.[metrics.metric] ?? Number.NaN;
      const sign = METRICS[metrics.metric].higherIsBetter ? 1 : -1;
      expect(sign * (score("lightgbm") - score("naive"))).toBeGreaterThan(0);
      const overLinear = sign * (score("lightgbm") - score("linear"));
      if (versusLinear === "beats") expect(overLinear).toBeGreaterThan(0);
      else expect(overLinear).toBe(0);

      // A valid submission: the sample's header, every test id once, in order; scored against the hidden solution.
      const submission = rowsOf(
        await readFile(path.join(project, "outputs", "submission.csv"), "utf8"),
      );
      const solution = rowsOf(
        await readFile(path.join(source, "solution", "solution.csv"), "utf8"),
      );
      const sample = rowsOf(await readFile(path.join(source, "sample_submission.csv"), "utf8"));
      expect(submission[0]).toEqual(sample[0]);
      expect(submission.slice(1).map((row) => row[0])).toEqual(
        solution.slice(1).map((row) => row[0]),
      );
      const pairs = submission
        .slice(1)
        .map((row, i) => [Number(row[1]), Number(solution[i + 1]?.[1])] as const);
      if (task === "regression") {
        const rmse = (f: (truth: number, pred: number) => number) =>
          Math.sqrt(pairs.reduce((s, [p, t]) => s + f(t, p) ** 2, 0) / pairs.length);
        const mean = pairs.reduce((s, [, t]) => s + t, 0) / pairs.length;
        expect(rmse((t, p) => t - p)).toBeLessThan(rmse((t) => t - mean)); // beats the constant on unseen rows
      } else {
        expect(pairs.filter(([p, t]) => p === t).length / pairs.length).toBeGreaterThan(0.85);
      }
    },
  );

  it("ambiguity and bad input through the bin: exit 2, one line, nothing written", async () => {
    const train = path.join(FIXTURES, "wine", "train.csv");
    const r = await runBuiltCli(["proj", "--from-data", train, "--no-install", "--no-git"], {
      cwd: tmp.path,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /^✖ No test file to compare train with, so the target cannot be inferred\. Hint: pass --target cultivar \(or another\)\.$/,
    );
    const bad = await runBuiltCli(
      ["proj", "--from-data", path.join(FIXTURES, "wine"), "--metric", "rmsee"],
      { cwd: tmp.path },
    );
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/Unknown metric "rmsee" \(did you mean "rmse"\?\)/);
    expect(await readdir(tmp.path)).toEqual([]);
  });
});
