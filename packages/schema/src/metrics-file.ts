import { z } from "zod";

/** `outputs/metrics.json`, written by the generated project's `train` command (docs/template-contract.md). */
export const MetricsFileSchema = z.object({
  schema_version: z.literal(1),
  archetype: z.string(),
  dataset: z
    .enum(["synthetic", "raw"])
    .meta({ description: "data/synthetic/ or the real Kaggle files in data/raw/" }),
  seed: z.number().int(),
  models: z.record(z.string(), z.record(z.string(), z.number())),
});

export type MetricsFile = z.infer<typeof MetricsFileSchema>;

/** `{ lightgbm: { accuracy: 0.8 } }` → `{ "lightgbm.accuracy": 0.8 }`, keys sorted. */
export function flattenMetrics(file: MetricsFile): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const model of Object.keys(file.models).sort()) {
    const metrics = file.models[model] ?? {};
    for (const metric of Object.keys(metrics).sort()) {
      flat[`${model}.${metric}`] = metrics[metric] as number;
    }
  }
  return flat;
}
