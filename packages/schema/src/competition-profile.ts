import { z } from "zod";
import { profileHeader } from "./profile/profile-header.js";
import {
  ARCHETYPE_OF_TASK,
  METRIC_NAMES,
  METRICS,
  PROFILE_ARCHETYPES,
  TASK_TYPES,
  TASKS_OF_ARCHETYPE,
} from "./metric-registry.js";
import { BasketProfileSchema, dataFileName, type BasketProfile } from "./profile/basket-profile.js";
import {
  RecommenderProfileSchema,
  type RecommenderProfile,
} from "./profile/recommender-profile.js";
import {
  ForecastingProfileSchema,
  type ForecastingProfile,
} from "./profile/forecasting-profile.js";

/**
 * `competition.toml`: the one file holding a competition's facts in a generated tabular project
 * (docs/competition-profile.md). The generator validates it here; the project validates it again in Python.
 */

export const COLUMN_ROLES = [
  "id",
  "target",
  "numeric",
  "categorical",
  "boolean",
  "datetime",
  "text",
  "ignore",
] as const;
export const COLUMN_DTYPES = ["int", "float", "str", "bool"] as const;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const ColumnName = z.string().min(1).max(200);
const DataFileName = dataFileName(["csv", "tsv", "zip", "parquet"]);

const ColumnSchema = z
  .object({
    role: z.enum(COLUMN_ROLES),
    dtype: z.enum(COLUMN_DTYPES),
    values: z
      .array(Scalar)
      .min(1)
      .optional()
      .meta({ description: "categorical: the categories (synthetic data)" }),
    min: z.number().optional(),
    max: z.number().optional(),
    missing: z
      .number()
      .min(0)
      .lt(1)
      .optional()
      .meta({ description: "share of blanks in synthetic data" }),
  })
  .strict();

export const CompetitionProfileSchema = z
  .object({
    ...profileHeader(z.enum(PROFILE_ARCHETYPES)),
    files: z
      .object({
        train: DataFileName,
        test: DataFileName.optional(),
        sample_submission: DataFileName.optional(),
      })
      .strict(),
    task: z
      .object({
        type: z.enum(TASK_TYPES),
        target: z.array(ColumnName).min(1),
        id: z.array(ColumnName).min(1),
        labels: z.array(Scalar).min(2).optional(),
        positive: Scalar.optional(),
      })
      .strict(),
    columns: z.record(ColumnName, ColumnSchema),
    metric: z.object({ name: z.enum(METRIC_NAMES) }).strict(),
    validation: z
      .object({
        scheme: z.enum(["kfold", "stratified_kfold", "group_kfold", "time_split"]),
        folds: z.int().min(2).max(20),
        seed: z.int().min(0),
        group: ColumnName.optional(),
        group_pattern: z.string().min(1).optional(),
        time: ColumnName.optional(),
      })
      .strict(),
    submission: z
      .object({
        columns: z.array(ColumnName).min(2),
        prediction: z.enum(["label", "probability"]),
        label_format: z.enum(["int", "float", "bool", "str"]),
      })
      .strict(),
    baseline: z
      .object({
        naive: z.enum(["majority", "mean", "median", "rule"]),
        rule_column: ColumnName.optional(),
        rule_map: z.record(z.string(), Scalar).optional(),
        rule_default: Scalar.optional(),
      })
      .strict(),
    features: z
      .object({
        pack: z
          .string()
          .regex(/^[a-z][a-z0-9_]*$/, { message: "a Python module name" })
          .optional(),
      })
      .strict()
      .optional(),
    text: z
      .object({
        keywords: z
          .array(
            z.string().regex(/^[a-z0-9][a-z0-9' -]*$/, { message: "a lower-case word or phrase" }),
          )
          .min(1)
          .optional()
          .meta({
            description: "the keyword-rule baseline: positive when the text holds one of these",
          }),
        embeddings: z
          .string()
          .regex(/^(?!\.)[^/\\:*?"<>|]+\.npz$/, {
            message: "a .npz file name inside the data folder",
          })
          .optional()
          .meta({
            description:
              "precomputed embeddings: ids and vectors arrays in data/ (off when absent)",
          }),
      })
      .strict()
      .optional()
      .meta({
        description: "text-classification: the keyword rule and the optional embeddings file",
      }),
    synthetic: z
      .object({
        train_rows: z.int().min(100).max(200_000),
        test_rows: z.int().min(20).max(200_000),
        seed: z.int().min(0),
        id_offset: z.int().min(0),
        margin: z
          .object({ metric: z.enum(METRIC_NAMES), min_delta: z.number().positive() })
          .strict(),
      })
      .strict(),
  })
  .strict()
  .superRefine(checkConsistency);

export type CompetitionProfile = z.infer<typeof CompetitionProfileSchema>;

type Ctx = z.RefinementCtx;

function checkConsistency(p: z.input<typeof CompetitionProfileSchema>, ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  const known = (name: string | undefined, at: (string | number)[]) => {
    if (name !== undefined && !(name in p.columns))
      issue(at, `column "${name}" is not declared under [columns]`);
  };
  p.task.target.forEach((c, i) => known(c, ["task", "target", i]));
  p.task.id.forEach((c, i) => known(c, ["task", "id", i]));
  known(p.validation.group, ["validation", "group"]);
  known(p.validation.time, ["validation", "time"]);
  known(p.baseline.rule_column, ["baseline", "rule_column"]);
  // Multi-class probabilities: one column per class after the ids, in the order of task.labels (Otto's
  // `Class_1`, cirrhosis' `Status_C`); they name classes, not data columns. Every other column is declared.
  const perClass = p.task.type === "multiclass" && p.submission.prediction === "probability";
  // The prediction column after the ids is the submission's header, which may differ from the target's name
  // (Quora submits `prediction` for `target`); the id columns must be declared.
  p.submission.columns.forEach((c, i) => {
    if (p.task.id.includes(c)) known(c, ["submission", "columns", i]);
  });
  const multilabel = p.task.type === "multilabel";
  if (multilabel) checkMultilabel(p, issue);
  else if (p.task.target.length > 1) {
    issue(["task", "target"], 'several target columns need task type "multilabel"');
  }
  if (!perClass && !multilabel && p.submission.columns.length !== p.task.id.length + 1) {
    issue(["submission", "columns"], "expected the id column(s) then one prediction column");
  }
  if (
    perClass &&
    p.task.labels &&
    p.submission.columns.length !== p.task.id.length + p.task.labels.length
  ) {
    issue(
      ["submission", "columns"],
      `multi-class probabilities need the id column(s) then one column per label (${p.task.labels.length})`,
    );
  }

  if (!(TASKS_OF_ARCHETYPE[p.archetype] as readonly string[]).includes(p.task.type)) {
    issue(
      ["task", "type"],
      `task "${p.task.type}" belongs to the ${ARCHETYPE_OF_TASK[p.task.type]} archetype`,
    );
  }
  for (const [at, name] of [
    [["metric", "name"], p.metric.name],
    [["synthetic", "margin", "metric"], p.synthetic.margin.metric],
  ] as const) {
    if (!(METRICS[name].tasks as readonly string[]).includes(p.task.type)) {
      issue([...at], `metric "${name}" does not fit a ${p.task.type} task`);
    }
  }
  if (p.task.type !== "regression") {
    const twoClass = p.task.type === "binary" || multilabel;
    if (!p.task.labels) issue(["task", "labels"], "classification needs the class labels");
    else if (twoClass && p.task.labels.length !== 2)
      issue(["task", "labels"], `${p.task.type} needs exactly 2 labels`);
    else if (p.task.type === "multiclass" && p.task.labels.length < 3)
      issue(["task", "labels"], "multiclass needs 3 or more labels");
    if (twoClass && (p.task.positive === undefined || !p.task.labels?.includes(p.task.positive))) {
      issue(["task", "positive"], `${p.task.type} needs the positive class, one of task.labels`);
    }
    if (p.baseline.naive === "mean" || p.baseline.naive === "median") {
      issue(["baseline", "naive"], `"${p.baseline.naive}" is a regression baseline`);
    }
  } else if (p.baseline.naive === "majority") {
    issue(["baseline", "naive"], '"majority" is a classification baseline');
  }
  if (p.task.type === "regression" && p.submission.prediction === "probability") {
    issue(["submission", "prediction"], "regression submits values, not probabilities");
  }
  if (
    p.baseline.naive === "rule" &&
    (p.baseline.rule_column === undefined || p.baseline.rule_map === undefined)
  ) {
    issue(["baseline"], 'the "rule" baseline needs rule_column and rule_map');
  }
  if (p.validation.scheme === "group_kfold" && p.validation.group === undefined) {
    issue(["validation", "group"], "group_kfold needs a group column");
  }
  if (p.validation.scheme === "time_split" && p.validation.time === undefined) {
    issue(["validation", "time"], "time_split needs a time column");
  }
  if (p.validation.group_pattern !== undefined) {
    try {
      new RegExp(p.validation.group_pattern);
    } catch {
      issue(["validation", "group_pattern"], "not a valid regular expression");
    }
  }
  for (const id of p.task.id) {
    if (!p.submission.columns.includes(id))
      issue(["submission", "columns"], `the id column "${id}" must be submitted`);
  }
  for (const [name, col] of Object.entries(p.columns)) {
    if (col.min !== undefined && col.max !== undefined && col.min > col.max) {
      issue(["columns", name, "min"], "min is greater than max");
    }
  }
}

/** Multi-label: two or more targets, submitted after the ids in the same order, as probabilities. */
function checkMultilabel(
  p: z.input<typeof CompetitionProfileSchema>,
  issue: (path: (string | number)[], message: string) => void,
): void {
  if (p.task.target.length < 2) {
    issue(["task", "target"], "multilabel needs 2 or more target columns (one: binary)");
  }
  const expected = [...p.task.id, ...p.task.target];
  if (p.submission.columns.join("\0") !== expected.join("\0")) {
    issue(
      ["submission", "columns"],
      `multilabel submits the id column(s) then the targets: ${expected.join(", ")}`,
    );
  }
  if (p.submission.prediction !== "probability") {
    issue(["submission", "prediction"], "multilabel submits one probability per target");
  }
}

/** Any archetype's profile: tabular (classification, regression, text), basket, recommender or forecasting. */
export type AnyProfile =
  CompetitionProfile | BasketProfile | RecommenderProfile | ForecastingProfile;

/** What the catalog lists an entry under: the tabular task type, or the archetype for the others. */
export const LISTING_TYPES = [
  ...TASK_TYPES,
  "basket-analysis",
  "recommender",
  "forecasting",
] as const;
export type ListingType = (typeof LISTING_TYPES)[number];

/** The schema that validates a parsed profile document, chosen by its `archetype`. */
export function profileSchemaOf(
  doc: unknown,
):
  | typeof CompetitionProfileSchema
  | typeof BasketProfileSchema
  | typeof RecommenderProfileSchema
  | typeof ForecastingProfileSchema {
  const archetype =
    typeof doc === "object" && doc !== null
      ? (doc as { archetype?: unknown }).archetype
      : undefined;
  if (archetype === "basket-analysis") return BasketProfileSchema;
  if (archetype === "forecasting") return ForecastingProfileSchema;
  return archetype === "recommender" ? RecommenderProfileSchema : CompetitionProfileSchema;
}

/** A tabular profile (classification, regression, text): the ones with [task], [columns] and [synthetic]. */
export function isTabularProfile(profile: AnyProfile): profile is CompetitionProfile {
  return (
    profile.archetype !== "basket-analysis" &&
    profile.archetype !== "recommender" &&
    profile.archetype !== "forecasting"
  );
}

/** The listing type of a valid profile. */
export function listingTypeOf(profile: AnyProfile): ListingType {
  return isTabularProfile(profile) ? profile.task.type : profile.archetype;
}

/** A catalog entry (`catalog/<slug>.toml`): a profile plus what the catalog lists and the winners' approaches. */
export const CatalogEntrySchema = z
  .object({
    catalog: z
      .object({
        type: z.enum(LISTING_TYPES),
        summary: z.string().min(1).max(100),
        approaches: z
          .string()
          .min(1)
          .meta({ description: "Markdown with sources; written into APPROACHES.md" }),
      })
      .strict(),
  })
  .catchall(z.unknown())
  .superRefine((entry, ctx) => {
    const { catalog, ...profile } = entry;
    const result = profileSchemaOf(profile).safeParse(profile);
    if (!result.success)
      for (const i of result.error.issues)
        ctx.addIssue({ code: "custom", path: i.path, message: i.message });
    else if (catalog.type !== listingTypeOf(result.data)) {
      ctx.addIssue({
        code: "custom",
        path: ["catalog", "type"],
        message: "differs from the profile's task type (or archetype)",
      });
    }
  });

export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;
