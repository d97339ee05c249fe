import {
  METRICS,
  type AnyProfile,
  type CompetitionProfile,
  type MarginRule,
  type VerifyPlan,
} from "@ml-starter/schema";

const SYNTHETIC_DIR = "data/synthetic/";
const FILE_KEYS = ["train", "test", "sample_submission"] as const;

/** Each archetype's strong model and the naive baselines it must beat (the model names in metrics.json). */
const MODELS_OF_ARCHETYPE: Record<
  CompetitionProfile["archetype"],
  { strong: string; naive: (p: CompetitionProfile) => string[] }
> = {
  classification: { strong: "lightgbm", naive: () => ["naive"] },
  regression: { strong: "lightgbm", naive: () => ["naive"] },
  // The keyword rule runs only for binary tasks whose profile lists keywords (the project's models.py).
  "text-classification": {
    strong: "tfidf",
    naive: (p) =>
      p.task.type === "binary" && p.text?.keywords ? ["majority", "keywords"] : ["majority"],
  },
};

/** The margin rules a profile states: the strong model beats each naive one on synthetic data, direction-aware. */
export function profileMargins(profile: CompetitionProfile): MarginRule[] {
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
  // Basket's template.json plan is written for its one catalog entry (Instacart); its margins are not
  // profile-driven yet.
  if (canonical.archetype === "basket-analysis" || chosen.archetype === "basket-analysis")
    return plan;
  const renamed = new Map<string, string | undefined>(
    FILE_KEYS.filter((k) => canonical.files[k] !== undefined).map((k) => [
      `${SYNTHETIC_DIR}${canonical.files[k]}`,
      chosen.files[k] === undefined ? undefined : `${SYNTHETIC_DIR}${chosen.files[k]}`,
    ]),
  );
  // A naive baseline the chosen profile does not run (no keywords: no keyword rule) writes no prediction files.
  const { naive } = MODELS_OF_ARCHETYPE[chosen.archetype];
  const skipped = naive(canonical).filter((m) => !naive(chosen).includes(m));
  const notRun = new Set(skipped.flatMap((m) => [`outputs/oof_${m}.csv`, `outputs/test_${m}.csv`]));
  const outputs = plan.outputs.flatMap((o) => {
    if (notRun.has(o.path)) return [];
    if (!renamed.has(o.path)) return [o];
    const to = renamed.get(o.path);
    return to === undefined ? [] : [{ ...o, path: to }];
  });
  return { ...plan, outputs, metrics: { ...plan.metrics, margins: profileMargins(chosen) } };
}
