import {
  METRICS,
  type CompetitionProfile,
  type MarginRule,
  type VerifyPlan,
} from "@ml-starter/schema";

const SYNTHETIC_DIR = "data/synthetic/";
const FILE_KEYS = ["train", "test", "sample_submission"] as const;

/** The margin rule a profile states: the strong model beats the naive one on synthetic data, direction-aware. */
export function profileMargin(profile: CompetitionProfile): MarginRule {
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
export function planForProfile(
  plan: VerifyPlan,
  canonical: CompetitionProfile,
  chosen: CompetitionProfile,
): VerifyPlan {
  const renamed = new Map<string, string | undefined>(
    FILE_KEYS.filter((k) => canonical.files[k] !== undefined).map((k) => [
      `${SYNTHETIC_DIR}${canonical.files[k]}`,
      chosen.files[k] === undefined ? undefined : `${SYNTHETIC_DIR}${chosen.files[k]}`,
    ]),
  );
  const outputs = plan.outputs.flatMap((o) => {
    if (!renamed.has(o.path)) return [o];
    const to = renamed.get(o.path);
    return to === undefined ? [] : [{ ...o, path: to }];
  });
  return { ...plan, outputs, metrics: { ...plan.metrics, margins: [profileMargin(chosen)] } };
}
