import { describe, expect, it } from "vitest";
import { METRICS } from "@ml-starter/schema";
import { loadCatalog, loadRegistry } from "../../src/index.js";
import { planForProfile, profileFiles, profileMargins } from "../../src/catalog/profile-plan.js";
import { REPO_CATALOG, REPO_TEMPLATES, tabular } from "../repo-templates.js";

const registry = await loadRegistry(REPO_TEMPLATES);
const catalog = await loadCatalog(REPO_CATALOG);
const profiled = registry.filter((a) => a.manifest.profile !== undefined);

describe.each(profiled.map((a) => [a.manifest.id, a.manifest] as const))(
  "planForProfile(%s)",
  (id, manifest) => {
    const canonical = catalog.find((c) => c.slug === manifest.profile)!.profile;

    it("leaves the plan unchanged for the canonical profile", () => {
      expect(planForProfile(manifest.verify, canonical, canonical)).toEqual(manifest.verify);
    });

    it.each(
      catalog.flatMap((c) =>
        c.profile.archetype === id && "task" in c.profile ? [[c.slug, c.profile] as const] : [],
      ),
    )(
      "%s: the synthetic outputs carry its file names and the margin is its own",
      (_slug, profile) => {
        const plan = planForProfile(manifest.verify, canonical, profile);
        const synthetic = plan.outputs
          .map((o) => o.path)
          .filter((p) => p.startsWith("data/synthetic/") && !p.endsWith("_solution.csv"));
        const expected = profileFiles(profile);
        expect(synthetic.sort()).toEqual(expected.map((f) => `data/synthetic/${f}`).sort());
        expect(plan.metrics.margins).toEqual(profileMargins(profile));
        expect(plan.steps).toEqual(manifest.verify.steps);
      },
    );
  },
);

describe("planForProfile(basket-analysis entries)", () => {
  it("keeps the template's plan: its margins are not profile-driven", () => {
    const manifest = registry.find((a) => a.manifest.id === "basket-analysis")!.manifest;
    const canonical = catalog.find((c) => c.slug === manifest.profile)!.profile;
    const entries = catalog.filter((c) => c.profile.archetype === "basket-analysis");
    expect(entries.length).toBeGreaterThanOrEqual(1);
    for (const entry of entries)
      expect(planForProfile(manifest.verify, canonical, entry.profile)).toEqual(manifest.verify);
  });
});

describe("profileMargins", () => {
  it("puts the strong model first for higher-is-better metrics and the naive one first otherwise", () => {
    const titanic = tabular(catalog.find((c) => c.slug === "titanic")!.profile);
    const house = tabular(
      catalog.find((c) => c.slug === "house-prices-advanced-regression-techniques")!.profile,
    );
    expect(METRICS[titanic.synthetic.margin.metric].higherIsBetter).toBe(true);
    expect(profileMargins(titanic)).toMatchObject([
      { metric: "lightgbm.accuracy", baseline: "naive.accuracy" },
    ]);
    expect(profileMargins(house)).toMatchObject([
      { metric: "naive.rmsle", baseline: "lightgbm.rmsle", id: "rmsle-under-naive" },
    ]);
  });

  it("makes the text model beat the majority class and, where the profile lists keywords, the keyword rule", () => {
    const tweets = tabular(catalog.find((c) => c.slug === "nlp-getting-started")!.profile);
    expect(profileMargins(tweets).map((m) => [m.id, m.metric, m.baseline])).toEqual([
      ["f1-over-majority", "tfidf.f1", "majority.f1"],
      ["f1-over-keywords", "tfidf.f1", "keywords.f1"],
    ]);
    expect(profileMargins({ ...tweets, text: {} }).map((m) => m.baseline)).toEqual(["majority.f1"]);
    const manifest = registry.find((a) => a.manifest.id === "text-classification")!.manifest;
    const plain = planForProfile(manifest.verify, tweets, { ...tweets, text: {} });
    expect(plain.outputs.map((o) => o.path).filter((p) => p.includes("keywords"))).toEqual([]);
    expect(plain.outputs.map((o) => o.path)).toContain("outputs/oof_majority.csv");
  });
});
