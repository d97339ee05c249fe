import {
  isTabularProfile,
  METRICS,
  type AnyProfile,
  type BasketProfile,
  type CompetitionProfile,
  type ForecastingProfile,
  type MarginRule,
  type RecommenderProfile,
  type VerifyPlan,
} from "@ml-starter/schema";

const SYNTHETIC_DIR = "data/synthetic/";
const FILE_KEYS = ["train", "test", "sample_submission", "interactions", "items", "users"] as const;

function fileOf(p: AnyProfile, key: (typeof FILE_KEYS)[number]): string | undefined {
  return (p.files as Partial<Record<string, string>>)[key];
}

/** The data files a profile names (train/test/sample submission, or interactions/items/users/sample submission). */
export function profileFiles(profile: AnyProfile): string[] {
  return FILE_KEYS.map((k) => fileOf(profile, k)).filter((f) => f !== undefined);
}

/** A recommender's margin: the two-stage model beats the best naive baseline (`best_naive`) by a ratio. */
function recommenderMargin(profile: RecommenderProfile): MarginRule {
  const metric = profile.metric.name;
  return {
    id: "two-stage-over-best-naive",
    metric: `two_stage.${metric}`,
    baseline: `best_naive.${metric}`,
    minRatio: profile.synthetic.margin.min_ratio,
  };
}

/** A forecaster's margin: LightGBM's backtest error is below the better naive forecast's (`best_naive`). */
function forecastingMargin(profile: ForecastingProfile): MarginRule {
  const metric = profile.metric.name;
  return {
    id: `${metric}-under-best-naive`,
    metric: `best_naive.${metric}`,
    baseline: `lightgbm.${metric}`,
    minDelta: profile.synthetic.margin.min_delta,
  };
}

/** Each archetype's strong model and the naive baselines it must beat (the model names in metrics.json). */
const MODELS_OF_ARCHETYPE: Record<
  CompetitionProfile["archetype"],
  { strong: string; naive: (p: CompetitionProfile) => string[] }
> = {
  classification: { strong: "lightgbm", naive: () => ["naive"] },
  regression: { strong: "lightgbm", naive: () => ["naive"] },
  // The keyword rule runs only for binary and multilabel tasks whose profile lists keywords (the project's
  // models.py).
  "text-classification": {
    strong: "tfidf",
    naive: (p) =>
      (p.task.type === "binary" || p.task.type === "multilabel") && p.text?.keywords
        ? ["majority", "keywords"]
        : ["majority"],
  },
};

/** The naive baselines a profile's project runs (a recommender's best naive is one summary row). */
function naiveOf(profile: AnyProfile): string[] {
  if (isTabularProfile(profile)) return MODELS_OF_ARCHETYPE[profile.archetype].naive(profile);
  return profile.archetype === "recommender" || profile.archetype === "forecasting"
    ? ["best_naive"]
    : [];
}

/** The margin rules a profile states: the strong model beats each naive one on synthetic data, direction-aware. */
export function profileMargins(profile: AnyProfile): MarginRule[] {
  if (profile.archetype === "recommender") return [recommenderMargin(profile)];
  if (profile.archetype === "forecasting") return [forecastingMargin(profile)];
  // Basket's margins are its template.json's (planForProfile keeps that plan as it is).
  if (!isTabularProfile(profile)) return [];
  const { metric, min_delta } = profile.synthetic.margin;
  const higher = METRICS[metric].higherIsBetter;
  const { strong, naive } = MODELS_OF_ARCHETYPE[profile.archetype];
  return naive(profile).map((weak) => ({
    id: `${metric.replace(/_/g, "-")}-${higher ? "over" : "under"}-${weak}`,
    metric: higher ? `${strong}.${metric}` : `${weak}.${metric}`,
    baseline: higher ? `${weak}.${metric}` : `${strong}.${metric}`,
    minDelta: min_delta,
  }));
}

/**
 * The archetype's verify plan for another profile: `template.json` states the plan for its canonical profile,
 * so the synthetic files it lists are renamed to the chosen profile's names (dropped where the profile has no
 * such file) and the margin rule is the chosen profile's. For the canonical profile the plan is unchanged.
 */
export function planForProfile(
  plan: VerifyPlan,
  canonical: AnyProfile,
  chosen: AnyProfile,
): VerifyPlan {
  // Basket's template.json plan is written for Instacart's tables; its margins are not profile-driven.
  if (chosen.archetype === "basket-analysis") return basketPlan(plan, chosen);
  if (canonical.archetype === "basket-analysis") return plan;
  const renamed = new Map<string, string | undefined>(
    FILE_KEYS.filter((k) => fileOf(canonical, k) !== undefined).map((k) => [
      `${SYNTHETIC_DIR}${fileOf(canonical, k)}`,
      fileOf(chosen, k) === undefined ? undefined : `${SYNTHETIC_DIR}${fileOf(chosen, k)}`,
    ]),
  );
  // A naive baseline the chosen profile does not run (no keywords: no keyword rule) writes no prediction files.
  const skipped = naiveOf(canonical).filter((m) => !naiveOf(chosen).includes(m));
  const notRun = new Set(skipped.flatMap((m) => [`outputs/oof_${m}.csv`, `outputs/test_${m}.csv`]));
  const outputs = plan.outputs.flatMap((o) => {
    if (notRun.has(o.path)) return [];
    if (!renamed.has(o.path)) return [o];
    const to = renamed.get(o.path);
    return to === undefined ? [] : [{ ...o, path: to }];
  });
  return { ...plan, outputs, metrics: { ...plan.metrics, margins: profileMargins(chosen) } };
}

/**
 * Basket's plan for a transaction log: `synth` writes the log (and, for member/date/item rows, the held-out
 * orders' `_solution.csv`) instead of Instacart's tables. One basket per line has no history to reorder
 * from: only `rules` runs, so the plan keeps no train step, model outputs or margins.
 */
function basketPlan(plan: VerifyPlan, chosen: BasketProfile): VerifyPlan {
  const layout = chosen.layout ?? { kind: "orders" };
  if (layout.kind === "orders") return plan;
  const log = {
    path: `${SYNTHETIC_DIR}${chosen.files.transactions}`,
    kind: "deterministic" as const,
  };
  const rows = layout.format === "rows";
  const kept = plan.outputs.filter((o) =>
    o.path.startsWith(SYNTHETIC_DIR)
      ? rows && o.path === `${SYNTHETIC_DIR}_solution.csv`
      : rows || o.path === "outputs/association_rules.csv",
  );
  if (rows) return { ...plan, outputs: [log, ...kept] };
  return {
    ...plan,
    steps: plan.steps.filter((s) => s.role !== "train"),
    outputs: [log, ...kept],
    metrics: { ...plan.metrics, tolerances: [], margins: [] },
  };
}
