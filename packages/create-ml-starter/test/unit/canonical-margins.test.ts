import { describe, expect, it } from "vitest";
import { METRICS } from "@ml-starter/schema";
import { loadCatalog, loadRegistry } from "../../src/index.js";
import { profileFiles } from "../../src/catalog/profile-plan.js";
import { REPO_CATALOG, REPO_TEMPLATES, tabular } from "../repo-templates.js";

// The verify plan of an archetype restates its canonical profile's synthetic margin and file names;
// this keeps the two from drifting apart (the profile is the source of truth).
const registry = await loadRegistry(REPO_TEMPLATES);
const catalog = await loadCatalog(REPO_CATALOG);
// Basket's plan does not restate its profile: its margins are not profile-driven (profile-plan.test.ts).
const withProfile = registry.filter(
  (a) => a.manifest.profile !== undefined && a.manifest.id !== "basket-analysis",
);

describe.each(withProfile.map((a) => [a.manifest.id, a] as const))(
  "%s's verify plan",
  (_id, { manifest }) => {
    const entry = catalog.find((c) => c.slug === manifest.profile);

    it("names a catalog entry of its own archetype", () => {
      expect(entry?.profile.archetype).toBe(manifest.id);
    });

    it("enforces exactly the profile's [synthetic].margin, in the metric's direction", () => {
      const profile = entry!.profile;
      if (profile.archetype === "recommender") {
        const { name } = profile.metric;
        expect(manifest.verify.metrics.margins).toEqual([
          {
            id: "two-stage-over-best-naive",
            metric: `two_stage.${name}`,
            baseline: `best_naive.${name}`,
            minRatio: profile.synthetic.margin.min_ratio,
          },
        ]);
        return;
      }
      if (profile.archetype === "forecasting") {
        // Lower is better for every forecasting metric: the better naive forecast minus LightGBM.
        const { name } = profile.metric;
        // WRMSSE is the forecasting engine's own (scored against each series' history), lower-is-better too.
        expect(name === "wrmsse" ? false : METRICS[name].higherIsBetter).toBe(false);
        expect(manifest.verify.metrics.margins).toEqual([
          {
            id: `${name}-under-best-naive`,
            metric: `best_naive.${name}`,
            baseline: `lightgbm.${name}`,
            minDelta: profile.synthetic.margin.min_delta,
          },
        ]);
        return;
      }
      const { metric, min_delta } = tabular(profile).synthetic.margin;
      // The strong model over each naive baseline the archetype runs (text: the majority class and the keyword rule).
      const [strong, naive] =
        manifest.id === "text-classification"
          ? ["tfidf", ["majority", "keywords"]]
          : ["lightgbm", ["naive"]];
      const higher = METRICS[metric].higherIsBetter;
      expect(
        manifest.verify.metrics.margins.map(({ metric: m, baseline, minDelta }) => ({
          m,
          baseline,
          minDelta,
        })),
      ).toEqual(
        naive.map((weak) => ({
          m: `${higher ? strong : weak}.${metric}`,
          baseline: `${higher ? weak : strong}.${metric}`,
          minDelta: min_delta,
        })),
      );
    });

    it("lists the synthetic files under the profile's names", () => {
      const outputs = manifest.verify.outputs.map((o) => o.path);
      for (const name of profileFiles(entry!.profile)) {
        expect(outputs).toContain(`data/synthetic/${name}`);
      }
    });
  },
);
