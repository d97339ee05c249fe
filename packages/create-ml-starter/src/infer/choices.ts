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

/** `--cv kfold`, `--cv stratified_kfold:10`; default stratified for classification, kfold for regression (5, seed 0). */
export function validationScheme(task: TaskType, cv: string | undefined): Validation {
  const fallback: Validation = {
    scheme: task === "regression" ? "kfold" : "stratified_kfold",
    folds: 5,
    seed: 0,
  };
  if (cv === undefined) return fallback;
  const match = /^(kfold|stratified_kfold)(?::(\d{1,2}))?$/.exec(cv);
  const folds = match?.[2] === undefined ? 5 : Number(match[2]);
  if (!match || folds < 2 || folds > 20)
    throw new MlStarterError("INVALID_OPTION", inferMessages.badCv(cv));
  if (match[1] === "stratified_kfold" && task === "regression") {
    throw new MlStarterError("INVALID_OPTION", inferMessages.badCvTask(cv));
  }
  return { scheme: match[1] as Validation["scheme"], folds, seed: 0 };
}

/** Strong over naive on synthetic data, by a delta on the metric's own scale (error metrics: a share of the target's spread). */
export function syntheticMargin(
  metric: MetricName,
  targetStd: number | undefined,
): CompetitionProfile["synthetic"]["margin"] {
  const fixed: Partial<Record<MetricName, number>> = {
    accuracy: 0.03,
    roc_auc: 0.05,
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
