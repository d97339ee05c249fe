// --from-data on REAL data through the built bin: scikit-learn's breast cancer (binary), wine (multiclass)
// and diabetes (regression), written in Kaggle's layout by test/fixtures/sklearn/make_fixtures.py
// (public datasets shipped in the scikit-learn wheel; committed so the test runs offline).
import path from "node:path";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { CompetitionProfileSchema } from "@ml-starter/schema";
import { tempDirWithSpaces, treeState, type TempDir } from "@ml-starter/test-utils";
import { parse } from "smol-toml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuiltCli } from "../built-cli.js";
import { inferFromData } from "../../src/infer/infer-from-data.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/sklearn/", import.meta.url));

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("from data");
});
afterEach(async () => tmp.cleanup());

describe("--from-data on scikit-learn's real datasets", () => {
  it.each([
    ["breast-cancer", "binary", "malignant"],
    ["wine", "multiclass", "cultivar"],
  ])(
    "%s: the built bin infers %s, writes a valid profile and copies the data",
    async (name, task, target) => {
      const source = path.join(FIXTURES, name);
      const before = await treeState(source);
      const r = await runBuiltCli(["proj", "--from-data", source, "--no-install", "--no-git"], {
        cwd: tmp.path,
      });
      expect(r.stderr).toBe("");
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
    },
  );

  it("diabetes: infers regression (the regression archetype comes from the engine branch)", async () => {
    const { profile } = await inferFromData(path.join(FIXTURES, "diabetes"));
    expect(profile.task).toMatchObject({ type: "regression", target: ["progression"], id: ["id"] });
    expect(profile).toMatchObject({
      archetype: "regression",
      metric: { name: "rmse" },
      baseline: { naive: "mean" },
    });
  });

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
