import path from "node:path";
import {
  CompetitionProfileSchema,
  formatIssues,
  type CompetitionProfile,
  type TaskType,
} from "@ml-starter/schema";
import { MlStarterError } from "../core/errors.js";
import { checkMetric, defaultMetric, syntheticMargin, validationScheme } from "./choices.js";
import { columnStats, typedValues, type ColumnStats } from "./column-stats.js";
import type { DataFiles } from "./data-files.js";
import { featureColumn, inferArchetype, inferTask } from "./infer-roles.js";
import { inferMessages } from "./messages.js";
import { checkTestColumns, pickId, pickTargets, type FileNames } from "./pick-columns.js";
import type { Samples } from "./read-samples.js";

/** What the user may decide instead of the inference (the CLI flags of the same names). */
export interface InferOverrides {
  target?: string | undefined;
  id?: string | undefined;
  task?: TaskType | undefined;
  metric?: string | undefined;
  cv?: string | undefined;
}

type Label = string | number | boolean;
const SYNTHETIC_MAX_ROWS = 10_000;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function statsOf(samples: Samples, name: string): ColumnStats {
  const at = samples.train.header.indexOf(name);
  return columnStats(
    name,
    samples.train.rows.map((r) => r[at] ?? ""),
  );
}

/** `--task` may override the inference only where the target's values allow it. */
function checkTask(task: TaskType, target: ColumnStats): void {
  const distinct = target.counts.size;
  if (task === "binary" && distinct !== 2)
    throw new MlStarterError(
      "INVALID_OPTION",
      inferMessages.taskImpossible(task, target.name, distinct),
    );
  if (task === "multiclass" && distinct < 3)
    throw new MlStarterError(
      "INVALID_OPTION",
      inferMessages.taskImpossible(task, target.name, distinct),
    );
  if (task === "multilabel")
    throw new MlStarterError("INVALID_OPTION", inferMessages.multilabelOne(target.name));
  if (task === "regression" && target.dtype !== "int" && target.dtype !== "float") {
    throw new MlStarterError("INVALID_OPTION", inferMessages.regressionNotNumeric(target.name));
  }
}

/** Binary's positive class: 1 / true / yes when the labels say so, else the rarer class (Kaggle's convention). */
function positiveClass(labels: readonly Label[], target: ColumnStats): Label {
  const named = labels.find(
    (l) => l === 1 || l === true || (typeof l === "string" && /^(1|yes|true|y|positive)$/i.test(l)),
  );
  if (named !== undefined) return named;
  const count = (l: Label) => target.counts.get(String(l)) ?? Number.POSITIVE_INFINITY;
  return [...labels].sort((a, b) => count(a) - count(b))[0] as Label;
}

/** Probabilities when the sample submission has one column per class, or fractions strictly inside (0, 1). */
function predictsProbability(
  samples: Samples,
  target: string,
  id: string,
  task: TaskType,
  labels: number,
): boolean {
  const sub = samples.sampleSubmission;
  if (task === "multilabel") return true; // one probability per label
  if (!sub || task === "regression") return false;
  const at = sub.header.indexOf(target);
  if (at < 0) return task === "multiclass" && sub.header.filter((c) => c !== id).length === labels;
  const values = sub.rows.map((r) => r[at] ?? "");
  return values.length > 0 && values.every((v) => Number(v) > 0 && Number(v) < 1);
}

function sourceTitle(files: DataFiles): string {
  const folder = files.source === files.train ? path.dirname(files.source) : files.source;
  const title = path.basename(folder).replace(/\s+/g, " ").trim().slice(0, 120);
  return title === "" ? "My data" : title;
}

/** The whole profile from the samples, validated by the same schema the catalog uses. */
export function buildProfile(
  files: DataFiles,
  samples: Samples,
  overrides: InferOverrides = {},
): CompetitionProfile {
  const names: FileNames = {
    train: path.basename(files.train),
    test: files.test && path.basename(files.test),
    sampleSubmission: files.sampleSubmission && path.basename(files.sampleSubmission),
  };
  checkTestColumns(samples);
  const id = pickId(samples, names, overrides.id);
  const targets = pickTargets(samples, names, id, overrides.target);
  const target = targets[0] as string;
  const targetStats = statsOf(samples, target);
  if (targetStats.counts.size === 0)
    throw new MlStarterError("INVALID_DATA", inferMessages.targetEmpty(target));
  const multilabel = targets.length > 1;
  const task = multilabel ? "multilabel" : (overrides.task ?? inferTask(targetStats));
  if (!multilabel) checkTask(task, targetStats);
  const labels = task === "regression" ? undefined : typedValues(targetStats);
  const probability = predictsProbability(samples, target, id, task, labels?.length ?? 0);
  const metric =
    overrides.metric === undefined
      ? defaultMetric(task, probability)
      : checkMetric(overrides.metric, task);

  const columns: CompetitionProfile["columns"] = {};
  const test = samples.test?.header;
  for (const name of samples.train.header) {
    const s = statsOf(samples, name);
    if (name === id) columns[name] = { role: "id", dtype: s.dtype === "int" ? "int" : "str" };
    else if (targets.includes(name)) columns[name] = { role: "target", dtype: s.dtype };
    // Train-only columns beside the target (Bike Sharing's casual/registered) would leak it.
    else if (test !== undefined && !test.includes(name))
      columns[name] = { role: "ignore", dtype: s.dtype };
    else columns[name] = featureColumn(s);
  }
  const classification = task !== "regression";
  const labelFormat = task === "regression" ? "float" : targetStats.dtype;
  const stats = (name: string) => statsOf(samples, name);
  const archetype = inferArchetype(task, columns, stats);
  // Only the text archetype takes several 0/1 targets: elsewhere they stay an ambiguity to resolve.
  if (multilabel && inferArchetype("binary", columns, stats) !== "text-classification")
    throw new MlStarterError("AMBIGUOUS_DATA", inferMessages.multilabelNotText(targets), {
      hint: inferMessages.targetHint(targets),
    });
  const profile = {
    schema_version: 1,
    archetype,
    slug: "",
    title: sourceTitle(files),
    files: {
      train: names.train,
      ...(names.test ? { test: names.test } : {}),
      ...(names.sampleSubmission ? { sample_submission: names.sampleSubmission } : {}),
    },
    task: {
      type: task,
      target: targets,
      id: [id],
      ...(labels ? { labels } : {}),
      ...((task === "binary" || multilabel) && labels
        ? { positive: positiveClass(labels, targetStats) }
        : {}),
    },
    columns,
    metric: { name: metric },
    validation: validationScheme(task, overrides.cv, samples.train.header, target),
    submission: {
      columns: samples.sampleSubmission?.header ?? [id, ...targets],
      prediction: probability ? "probability" : "label",
      label_format: labelFormat,
    },
    baseline: { naive: classification ? "majority" : metric === "mae" ? "median" : "mean" },
    synthetic: {
      train_rows: clamp(samples.train.rows.length, 100, SYNTHETIC_MAX_ROWS),
      test_rows: clamp(
        samples.test?.rows.length ?? Math.round(samples.train.rows.length / 3),
        20,
        SYNTHETIC_MAX_ROWS,
      ),
      seed: 0,
      id_offset: 1_000_000,
      margin: syntheticMargin(metric, targetStats.std),
    },
  };
  const parsed = CompetitionProfileSchema.safeParse(profile);
  if (!parsed.success)
    throw new MlStarterError(
      "INVALID_DATA",
      inferMessages.invalidProfile(formatIssues(parsed.error).join("; ")),
    );
  return parsed.data;
}
