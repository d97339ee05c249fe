import { describe, expect, it } from "vitest";
import { METRICS, type BasketProfile } from "@ml-starter/schema";
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
  const manifest = registry.find((a) => a.manifest.id === "basket-analysis")!.manifest;
  const canonical = catalog.find((c) => c.slug === manifest.profile)!.profile;
  const synthetic = (plan: typeof manifest.verify) =>
    plan.outputs.map((o) => o.path).filter((p) => p.startsWith("data/synthetic/"));
  const rest = (plan: typeof manifest.verify) =>
    plan.outputs.filter((o) => !o.path.startsWith("data/synthetic/"));

  it("keeps the template's plan for Instacart's tables: its margins are not profile-driven", () => {
    expect(planForProfile(manifest.verify, canonical, canonical)).toEqual(manifest.verify);
  });

  it("a member/date/item log: synth writes the log and the solution, the rest of the plan is kept", () => {
    const groceries = catalog.find((c) => c.slug === "groceries-dataset")!.profile;
    const plan = planForProfile(manifest.verify, canonical, groceries);
    expect(synthetic(plan)).toEqual([
      "data/synthetic/Groceries_dataset.csv",
      "data/synthetic/_solution.csv",
    ]);
    expect(rest(plan)).toEqual(rest(manifest.verify));
    expect(plan.steps).toEqual(manifest.verify.steps);
    expect(plan.metrics).toEqual(manifest.verify.metrics);
  });

  it("one basket per line: only rules run, so no train step, model outputs or margins", () => {
    const baskets: BasketProfile = {
      schema_version: 1,
      archetype: "basket-analysis",
      slug: "",
      title: "baskets",
      files: { transactions: "baskets.csv" },
      layout: { kind: "transactions", format: "baskets" },
    };
    const plan = planForProfile(manifest.verify, canonical, baskets);
    expect(plan.outputs.map((o) => o.path)).toEqual([
      "data/synthetic/baskets.csv",
      "outputs/association_rules.csv",
    ]);
    expect(plan.steps.map((s) => s.role)).not.toContain("train");
    expect(plan.steps.map((s) => s.id)).toContain("rules");
    expect(plan.metrics.margins).toEqual([]);
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
