// The metric registry and task types: no zod here, so the scaffolder's `--help` can list them without loading
// the schema library (exported as `@ml-starter/schema/metrics`).

/** Metrics the tabular engine implements; direction and the tasks each one fits. */
export const METRICS = {
  accuracy: { higherIsBetter: true, tasks: ["binary", "multiclass"] },
  roc_auc: { higherIsBetter: true, tasks: ["binary"] },
  log_loss: { higherIsBetter: false, tasks: ["binary", "multiclass"] },
  f1: { higherIsBetter: true, tasks: ["binary"] },
  macro_f1: { higherIsBetter: true, tasks: ["binary", "multiclass"] },
  mcc: { higherIsBetter: true, tasks: ["binary"] },
  qwk: { higherIsBetter: true, tasks: ["multiclass"] },
  gini: { higherIsBetter: true, tasks: ["binary"] },
  mean_roc_auc: { higherIsBetter: true, tasks: ["multilabel"] },
  rmse: { higherIsBetter: false, tasks: ["regression"] },
  rmsle: { higherIsBetter: false, tasks: ["regression"] },
  mae: { higherIsBetter: false, tasks: ["regression"] },
  smape: { higherIsBetter: false, tasks: ["regression"] },
  rmspe: { higherIsBetter: false, tasks: ["regression"] },
  r2: { higherIsBetter: true, tasks: ["regression"] },
} as const satisfies Record<string, { higherIsBetter: boolean; tasks: readonly TaskType[] }>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as [MetricName, ...MetricName[]];

/** `multilabel`: several 0/1 target columns, one probability each (Jigsaw's six labels). */
export const TASK_TYPES = ["binary", "multiclass", "regression", "multilabel"] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Which archetype serves which task (multi-label: only the text archetype so far). */
export const ARCHETYPE_OF_TASK: Record<
  TaskType,
  "classification" | "regression" | "text-classification"
> = {
  binary: "classification",
  multiclass: "classification",
  regression: "regression",
  multilabel: "text-classification",
};

/** Archetypes that read a competition profile, and the tasks each one takes. */
export const TASKS_OF_ARCHETYPE = {
  classification: ["binary", "multiclass"],
  regression: ["regression"],
  "text-classification": ["binary", "multiclass", "multilabel"],
} as const satisfies Record<string, readonly TaskType[]>;
export type ProfileArchetype = keyof typeof TASKS_OF_ARCHETYPE;
export const PROFILE_ARCHETYPES = Object.keys(TASKS_OF_ARCHETYPE) as [
  ProfileArchetype,
  ...ProfileArchetype[],
];
