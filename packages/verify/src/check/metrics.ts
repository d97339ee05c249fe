import path from "node:path";
import { flattenMetrics, formatIssues, MetricsFileSchema } from "@ml-starter/schema";
import { readRegularText } from "../read/safe-read.js";
import { parseJson } from "../read/parse-json.js";

export type MetricsResult =
  | { ok: true; metrics: Record<string, number>; dataset: "synthetic" | "raw" }
  | { ok: false; issues: string[] };

/** Reads the project's metrics file (docs/template-contract.md) and flattens it to `model.metric` names. */
export async function readMetrics(dir: string, file: string): Promise<MetricsResult> {
  let text: string | null;
  try {
    text = await readRegularText(path.join(dir, file), { label: file, root: dir });
  } catch (error) {
    return {
      ok: false,
      issues: [error instanceof Error ? error.message : `${file}: ${String(error)}`],
    };
  }
  if (text === null) return { ok: false, issues: [`${file} was not written`] };
  let json: unknown;
  try {
    json = parseJson(text);
  } catch (error) {
    return { ok: false, issues: [`${file} is not JSON: ${(error as Error).message}`] };
  }
  const parsed = MetricsFileSchema.safeParse(json);
  if (!parsed.success)
    return { ok: false, issues: formatIssues(parsed.error).map((i) => `${file}: ${i}`) };
  const metrics = flattenMetrics(parsed.data);
  const bad = Object.entries(metrics).filter(([, v]) => !Number.isFinite(v));
  if (bad.length > 0)
    return { ok: false, issues: bad.map(([k]) => `${file}: ${k} is not a finite number`) };
  return { ok: true, metrics, dataset: parsed.data.dataset };
}

/** `lightgbm.*` matches `lightgbm.accuracy`; `*` stands for one name segment. */
export function metricMatches(pattern: string, metric: string): boolean {
  const re = new RegExp(`^${pattern.split("*").map(escapeRegExp).join("[^.]*")}$`);
  return re.test(metric);
}

/** The tolerance for a metric: the first matching rule, or 0 (exact) when none matches. */
export function toleranceFor(
  metric: string,
  tolerances: ReadonlyArray<{ metric: string; abs: number }>,
): number {
  return tolerances.find((t) => metricMatches(t.metric, metric))?.abs ?? 0;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
