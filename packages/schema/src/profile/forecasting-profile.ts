import { z } from "zod";
import { dataFileName } from "./basket-profile.js";
import { profileHeader } from "./profile-header.js";

/**
 * `competition.toml` of a forecasting project (issue 16): daily series named by key columns (store × family),
 * a target, the horizon to forecast, the exogenous columns known for the test dates (promotions) and an
 * optional open flag (Rossmann: closed days sell nothing and are not scored). Validated here by the generator
 * and again in Python by the project (templates/forecasting/src/__package__/profile.py).
 */

/** The forecasting metrics (all lower-is-better; implemented in the project's metric.py). */
export const FORECAST_METRICS = ["rmsle", "rmse", "mae", "smape", "rmspe", "wrmsse"] as const;
/** Most product families the synthetic generator makes (FAMILIES in forecast/synthetic.py). */
export const MAX_SYNTHETIC_FAMILIES = 6;

const ColumnName = z.string().min(1).max(200);
const FileName = dataFileName(["csv", "zip"]);

export const ForecastingProfileSchema = z
  .object({
    ...profileHeader(z.literal("forecasting")),
    files: z.object({ train: FileName, test: FileName, sample_submission: FileName }).strict(),
    series: z
      .object({
        keys: z
          .array(ColumnName)
          .meta({ description: "the columns naming one series; none: the data is one series" }),
        time: ColumnName,
        frequency: z.literal("D").default("D").meta({ description: "daily series only (for now)" }),
        target: ColumnName,
        horizon: z.int().min(1).max(366),
        exogenous: z
          .array(ColumnName)
          .optional()
          .meta({ description: "numeric columns known for the test dates too (promotions)" }),
        open: ColumnName.optional().meta({
          description: "a 0/1 column known in advance: rows with 0 are forecast 0 (closed days)",
        }),
        price: ColumnName.optional().meta({
          description: "an exogenous price column: WRMSSE weights each series by its dollar sales",
        }),
      })
      .strict(),
    submission: z
      .object({
        id: ColumnName,
        prediction: ColumnName,
        id_in_train: z
          .boolean()
          .optional()
          .meta({ description: "train carries the id column too (Store Sales; not Rossmann)" }),
      })
      .strict(),
    metric: z.object({ name: z.enum(FORECAST_METRICS) }).strict(),
    validation: z
      .object({ folds: z.int().min(1).max(10) })
      .strict()
      .optional()
      .meta({ description: "time folds one horizon long, rolling back from train's end (3)" }),
    synthetic: z
      .object({
        seed: z.int().min(0),
        stores: z.int().min(1).max(200).optional(),
        families: z.int().min(1).max(MAX_SYNTHETIC_FAMILIES).optional(),
        days: z.int().min(1).max(3000).optional(),
        margin: z.object({ min_delta: z.number().positive() }).strict(),
      })
      .strict(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    const { keys, time, target, exogenous = [], open, price } = p.series;
    if (price !== undefined && !exogenous.includes(price))
      issue(["series", "price"], `"${price}" must be one of [series].exogenous`);
    const named = [...keys, time, target, ...exogenous, ...(open === undefined ? [] : [open])];
    const twice = [...new Set(named.filter((c, i) => named.indexOf(c) !== i))];
    if (twice.length > 0)
      issue(["series", "keys"], `a column has one role only: ${twice.join(", ")}`);
    if (named.includes(p.submission.id))
      issue(["submission", "id"], `"${p.submission.id}" is a series column, not a row id`);
    if (keys.length > 2) issue(["series", "keys"], "the synthetic data has one or two key columns");
    const folds = p.validation?.folds ?? 3;
    const least = (folds + 1) * p.series.horizon + 28;
    if (p.synthetic.days !== undefined && p.synthetic.days < least)
      issue(["synthetic", "days"], `at least ${least} days for ${folds} folds of the horizon`);
  });

export type ForecastingProfile = z.infer<typeof ForecastingProfileSchema>;
