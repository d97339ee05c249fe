import {
  ARCHETYPE_OF_TASK,
  type CompetitionProfile,
  type ProfileArchetype,
  type TaskType,
} from "@ml-starter/schema";
import { typedValues, type ColumnStats } from "./column-stats.js";

type Column = CompetitionProfile["columns"][string];

/** Categories listed in the profile (for synthetic data) up to this many; more are still categorical. */
const MAX_LISTED_VALUES = 50;
/** Strings with more distinct values than this (or than this share of rows) are not categories. */
const MAX_CATEGORIES = 1000;
const MAX_CATEGORY_SHARE = 0.5;

const missingShare = (s: ColumnStats) =>
  s.rows === 0 ? 0 : Math.min(0.99, Number((s.missing / s.rows).toFixed(3)));

/**
 * A feature column's role, by AutoGluon's feature-type rules where they apply
 * (common/features/infer_types.py): constant → ignore; text when values average ≥ 3 words and
 * more than 1 % are distinct; datetime when ≥ 80 % of values parse as dates; numbers numeric
 * (0/1 and True/False boolean); other strings categorical by cardinality, else text.
 */
export function featureColumn(s: ColumnStats): Column {
  const distinct = s.counts.size;
  const withMissing = (c: Column): Column =>
    s.missing > 0 ? { ...c, missing: missingShare(s) } : c;
  if (distinct <= 1) return { role: "ignore", dtype: s.dtype };
  if (s.dtype === "bool") return withMissing({ role: "boolean", dtype: "bool" });
  if (s.dtype === "int" || s.dtype === "float") {
    if (distinct === 2 && s.min === 0 && s.max === 1)
      return withMissing({ role: "boolean", dtype: s.dtype });
    return withMissing({ role: "numeric", dtype: s.dtype, min: s.min ?? 0, max: s.max ?? 0 });
  }
  const nonMissing = s.rows - s.missing;
  if (s.meanWords >= 3 && distinct / Math.max(1, nonMissing) > 0.01)
    return withMissing({ role: "text", dtype: "str" });
  if (s.dateShare >= 0.8) return withMissing({ role: "datetime", dtype: "str" });
  if (distinct <= MAX_CATEGORIES && distinct <= Math.max(2, nonMissing * MAX_CATEGORY_SHARE)) {
    const values = distinct <= MAX_LISTED_VALUES ? { values: typedValues(s) } : {};
    return withMissing({ role: "categorical", dtype: "str", ...values });
  }
  // Unique per row and one word (hashes, codes): nothing a model can learn from.
  if (distinct === nonMissing && s.meanWords < 2) return { role: "ignore", dtype: "str" };
  return withMissing({ role: "text", dtype: "str" });
}

/**
 * AutoGluon's `infer_problem_type` (core/utils/utils.py): 2 distinct values → binary; strings or
 * booleans → multiclass; whole numbers whose distinct share is ≤ 5 % (≤ 10 % up to 1000 rows) and
 * at most 1000 classes → multiclass; anything else numeric → regression.
 */
export function inferTask(s: ColumnStats): TaskType {
  const distinct = s.counts.size;
  if (distinct === 2) return "binary";
  if (s.dtype === "str" || s.dtype === "bool") return "multiclass";
  const nonMissing = s.rows - s.missing;
  const threshold = nonMissing > 1000 ? 0.05 : 0.1;
  if (s.integral && distinct / Math.max(1, nonMissing) <= threshold && distinct <= 1000)
    return "multiclass";
  return "regression";
}

/** AutoGluon's text rule: a column of strings averaging at least this many words. */
const TEXT_MIN_WORDS = 3;

/**
 * Text classification when the target is a class and text carries the data: a feature column passes
 * AutoGluon's text rule (several words on average, many distinct values) and at least half the feature
 * columns are text. Titanic's names pass the rule but are 1 of its 10 features, so it stays tabular.
 */
export function inferArchetype(
  task: TaskType,
  columns: CompetitionProfile["columns"],
  stats: (name: string) => ColumnStats,
): ProfileArchetype {
  if (task === "regression") return ARCHETYPE_OF_TASK[task];
  const features = Object.entries(columns).filter(
    ([, c]) => !["id", "target", "ignore"].includes(c.role),
  );
  const text = features.filter(([, c]) => c.role === "text");
  const wordy = text.some(([name]) => stats(name).meanWords >= TEXT_MIN_WORDS);
  return wordy && text.length * 2 >= features.length
    ? "text-classification"
    : ARCHETYPE_OF_TASK[task];
}
