import { describe, expect, it } from "vitest";
import { METRICS } from "@ml-starter/schema";
import { loadCatalog, loadRegistry } from "../../src/index.js";
import { planForProfile, profileFiles, profileMargin } from "../../src/catalog/profile-plan.js";
import { REPO_CATALOG, REPO_TEMPLATES } from "../repo-templates.js";

const registry = await loadRegistry(REPO_TEMPLATES);
const catalog = await loadCatalog(REPO_CATALOG);
const profiled = registry.filter((a) => a.manifest.profile !== undefined);

describe.each(profiled.map((a) => [a.manifest.id, a.manifest] as const))("planForProfile(%s)", (id, manifest) => {
  const canonical = catalog.find((c) => c.slug === manifest.profile)!.profile;

  it("leaves the plan unchanged for the canonical profile", () => {
    expect(planForProfile(manifest.verify, canonical, canonical)).toEqual(manifest.verify);
  });

  it.each(catalog.filter((c) => c.profile.archetype === id).map((c) => [c.slug, c.profile] as const))(
    "%s: the synthetic outputs carry its file names and the margin is its own",
    (_slug, profile) => {
      const plan = planForProfile(manifest.verify, canonical, profile);
      const synthetic = plan.outputs.map((o) => o.path).filter((p) => p.startsWith("data/synthetic/") && !p.endsWith("_solution.csv"));
      const expected = profileFiles(profile);
      expect(synthetic.sort()).toEqual(expected.map((f) => `data/synthetic/${f}`).sort());
      expect(plan.metrics.margins).toEqual([profileMargin(profile)]);
      expect(plan.steps).toEqual(manifest.verify.steps);
    },
  );
});

describe("profileMargin", () => {
  it("puts the strong model first for higher-is-better metrics and the naive one first otherwise", () => {
    const tabular = (slug: string) => {
      const { profile } = catalog.find((c) => c.slug === slug)!;
      if (profile.archetype === "recommender") throw new Error(`${slug} is not tabular`);
      return profile;
    };
    const [titanic, house] = [tabular("titanic"), tabular("house-prices-advanced-regression-techniques")];
    expect(METRICS[titanic.synthetic.margin.metric].higherIsBetter).toBe(true);
    expect(profileMargin(titanic)).toMatchObject({ metric: "lightgbm.accuracy", baseline: "naive.accuracy" });
    expect(profileMargin(house)).toMatchObject({ metric: "naive.rmsle", baseline: "lightgbm.rmsle", id: "rmsle-under-naive" });
  });
});
