import {
  METRIC_NAMES,
  METRICS,
  type CompetitionProfile,
  type MetricName,
  type TaskType,
} from "@ml-starter/schema";
import { MlStarterError } from "../core/errors.js";
import { nearestNames } from "../suggest/did-you-mean.js";
import { inferMessages } from "./messages.js";

type Validation = CompetitionProfile["validation"];

/** FLAML's defaults where they fit a Kaggle submission: AUC / log loss for probabilities, else accuracy; RMSE. */
export function defaultMetric(task: TaskType, probability: boolean): MetricName {
  if (task === "regression") return "rmse";
  if (task === "multilabel") return "mean_roc_auc";
  if (task === "binary") return probability ? "roc_auc" : "accuracy";
  return probability ? "log_loss" : "accuracy";
}

/** `--metric`: a registry name that fits the task; a typo gets the nearest names. */
export function checkMetric(name: string, task: TaskType): MetricName {
  if (!(METRIC_NAMES as readonly string[]).includes(name)) {
    const near = nearestNames(name, METRIC_NAMES, 1)[0];
    throw new MlStarterError(
      "INVALID_OPTION",
      inferMessages.unknownMetric(name, near, METRIC_NAMES),
    );
  }
  const metric = name as MetricName;
  if (!(METRICS[metric].tasks as readonly string[]).includes(task)) {
    const fits = METRIC_NAMES.filter((m) => (METRICS[m].tasks as readonly string[]).includes(task));
    throw new MlStarterError("INVALID_OPTION", inferMessages.metricTask(name, task, fits));
  }
  return metric;
}

/** `--cv` scheme names: the profile's, and the short forms the help shows. */
const CV_SCHEMES: Record<string, Validation["scheme"]> = {
  kfold: "kfold",
  stratified: "stratified_kfold",
  stratified_kfold: "stratified_kfold",
  group: "group_kfold",
  group_kfold: "group_kfold",
  time: "time_split",
  time_split: "time_split",
};
/** The schemes that need a column, and the profile key it goes in. */
const CV_COLUMN = { group_kfold: "group", time_split: "time" } as const;

/**
 * `--cv <scheme>[:<column>][:<folds>]`: `kfold:10`, `stratified`, `group:<col>`, `time:<col>:3`. Default:
 * stratified for classification, kfold for regression (5 folds, seed 0). The column must be a train column
 * other than the target; a column name may itself hold `:` (only a trailing `:<digits>` is the folds).
 */
export function validationScheme(
  task: TaskType,
  cv: string | undefined,
  columns: readonly string[],
  target: string,
): Validation {
  const fallback: Validation = {
    scheme: task === "regression" ? "kfold" : "stratified_kfold",
    folds: 5,
    seed: 0,
  };
  if (cv === undefined) return fallback;
  const match = /^([a-z_]+)(?::(.*?))?(?::(\d{1,2}))?$/.exec(cv);
  const scheme = match?.[1] === undefined ? undefined : CV_SCHEMES[match[1]];
  let column = match?.[2];
  let foldsText = match?.[3];
  // `kfold:10` parses as column "10": a scheme without a column takes it as the folds.
  if (
    scheme !== undefined &&
    !(scheme in CV_COLUMN) &&
    foldsText === undefined &&
    column !== undefined &&
    /^\d{1,2}$/.test(column)
  ) {
    foldsText = column;
    column = undefined;
  }
  const folds = foldsText === undefined ? 5 : Number(foldsText);
  if (scheme === undefined || folds < 2 || folds > 20)
    throw new MlStarterError("INVALID_OPTION", inferMessages.badCv(cv));
  if (scheme === "stratified_kfold" && task === "regression") {
    throw new MlStarterError("INVALID_OPTION", inferMessages.badCvTask(cv));
  }
  const key = scheme === "group_kfold" || scheme === "time_split" ? CV_COLUMN[scheme] : undefined;
  if (key === undefined) {
    if (column !== undefined) throw new MlStarterError("INVALID_OPTION", inferMessages.badCv(cv));
    return { scheme, folds, seed: 0 };
  }
  if (column === undefined || column === "") {
    throw new MlStarterError("INVALID_OPTION", inferMessages.cvNeedsColumn(cv, scheme));
  }
  if (!columns.includes(column) || column === target) {
    throw new MlStarterError(
      "INVALID_OPTION",
      inferMessages.cvBadColumn(cv, column, column === target),
    );
  }
  return { scheme, folds, seed: 0, [key]: column };
}

/** Strong over naive on synthetic data, by a delta on the metric's own scale (error metrics: a share of the target's spread). */
export function syntheticMargin(
  metric: MetricName,
  targetStd: number | undefined,
): CompetitionProfile["synthetic"]["margin"] {
  const fixed: Partial<Record<MetricName, number>> = {
    accuracy: 0.03,
    roc_auc: 0.05,
    mean_roc_auc: 0.05,
    gini: 0.1,
    log_loss: 0.02,
    f1: 0.03,
    macro_f1: 0.03,
    mcc: 0.05,
    qwk: 0.05,
    r2: 0.05,
    rmsle: 0.01,
  };
  const delta = fixed[metric] ?? Math.max(1e-6, Number((0.05 * (targetStd ?? 1)).toPrecision(3)));
  return { metric, min_delta: delta };
}
