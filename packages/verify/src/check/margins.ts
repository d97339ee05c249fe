import type { MarginResult, MarginRule } from "@ml-starter/schema";

/** Rounds away float noise (0.81 - 0.76 = 0.05000000000000004) before comparing with a declared margin. */
const round = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * Evaluates margin rules ("the model beats the baseline by at least minDelta, or by a factor of minRatio").
 * A metric that is missing makes the rule fail with `actual: null`.
 */
export function evaluateMargins(
  rules: readonly MarginRule[],
  metrics: Readonly<Record<string, number>>,
): MarginResult[] {
  return rules.map((rule) => {
    const value = metrics[rule.metric];
    const baseline = metrics[rule.baseline];
    const kind = rule.minDelta !== undefined ? "delta" : "ratio";
    const required = (rule.minDelta ?? rule.minRatio) as number;
    let actual: number | null = null;
    if (value !== undefined && baseline !== undefined) {
      if (kind === "delta") actual = round(value - baseline);
      else if (baseline !== 0) actual = round(value / baseline);
    }
    return {
      id: rule.id,
      metric: rule.metric,
      baseline: rule.baseline,
      kind,
      required,
      actual,
      ok: actual !== null && actual >= required,
    };
  });
}
