import { METRICS, type AnyProfile, type MarginRule, type RecommenderProfile, type VerifyPlan } from "@ml-starter/schema";

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
  return { id: "two-stage-over-best-naive", metric: `two_stage.${metric}`, baseline: `best_naive.${metric}`, minRatio: profile.synthetic.margin.min_ratio };
}

/** The margin rule a profile states: the strong model beats the naive one on synthetic data, direction-aware. */
export function profileMargin(profile: AnyProfile): MarginRule {
  if (profile.archetype === "recommender") return recommenderMargin(profile);
  const { metric, min_delta } = profile.synthetic.margin;
  const higher = METRICS[metric].higherIsBetter;
  return {
    id: `${metric.replace(/_/g, "-")}-${higher ? "over" : "under"}-naive`,
    metric: higher ? `lightgbm.${metric}` : `naive.${metric}`,
    baseline: higher ? `naive.${metric}` : `lightgbm.${metric}`,
    minDelta: min_delta,
  };
}

/**
 * The archetype's verify plan for another profile: `template.json` states the plan for its canonical profile,
 * so the synthetic files it lists are renamed to the chosen profile's names (dropped where the profile has no
 * such file) and the margin rule is the chosen profile's. For the canonical profile the plan is unchanged.
 */
export function planForProfile(plan: VerifyPlan, canonical: AnyProfile, chosen: AnyProfile): VerifyPlan {
  const renamed = new Map<string, string | undefined>(
    FILE_KEYS.filter((k) => fileOf(canonical, k) !== undefined).map((k) => [
      `${SYNTHETIC_DIR}${fileOf(canonical, k)}`,
      fileOf(chosen, k) === undefined ? undefined : `${SYNTHETIC_DIR}${fileOf(chosen, k)}`,
    ]),
  );
  const outputs = plan.outputs.flatMap((o) => {
    if (!renamed.has(o.path)) return [o];
    const to = renamed.get(o.path);
    return to === undefined ? [] : [{ ...o, path: to }];
  });
  return { ...plan, outputs, metrics: { ...plan.metrics, margins: [profileMargin(chosen)] } };
}
