import { z } from "zod";
import { profileHeader } from "./profile-header.js";

/**
 * `competition.toml` of a recommender project (issue 13): interaction data (user, item, time; optional event
 * type with weights, or a rating read as implicit feedback), optional item and user attribute tables, K, the
 * prediction window and who gets predictions. Validated here by the generator and again in Python by the project.
 */

export const RECOMMENDER_METRICS = ["map_at_k", "recall_at_k"] as const;
export const CANDIDATE_SOURCES = [
  "repurchase",
  "recent_popular_unseen",
  "all_time_popular_unseen",
  "covisitation",
  "segment_popular",
] as const;
export const SYNTHETIC_REGIMES = ["repurchase", "no_repurchase"] as const;

const ColumnName = z.string().min(1).max(200);
const FileName = z.string().regex(/^(?!\.)[^/\\:*?"<>|]+\.(csv|tsv|zip)$/i, {
  message: "a file name ending in .csv, .tsv or .zip",
});

const AttributeTable = z
  .object({
    id: ColumnName,
    segment: ColumnName.optional().meta({
      description: "a categorical column: popularity by segment, a ranker feature",
    }),
  })
  .strict();

export const RecommenderProfileSchema = z
  .object({
    ...profileHeader(z.literal("recommender")),
    files: z
      .object({
        interactions: FileName,
        sample_submission: FileName,
        items: FileName.optional(),
        users: FileName.optional(),
      })
      .strict(),
    interactions: z
      .object({
        user: ColumnName,
        item: ColumnName,
        time: ColumnName,
        time_unit: z
          .enum(["date", "s", "ms"])
          .meta({ description: "ISO dates, or Unix seconds / milliseconds" }),
        event: ColumnName.optional(),
        event_weights: z.record(z.string().min(1), z.number().positive()).optional(),
        rating: ColumnName.optional(),
        min_rating: z
          .number()
          .optional()
          .meta({ description: "ratings at or above it count as positive feedback" }),
      })
      .strict(),
    items: AttributeTable.optional(),
    users: AttributeTable.optional(),
    task: z
      .object({
        k: z.int().min(1).max(100),
        window_days: z.int().min(1).max(365),
        predict_for: z.enum(["sample_submission", "active"]),
      })
      .strict(),
    submission: z.object({ user: ColumnName, prediction: ColumnName }).strict(),
    metric: z.object({ name: z.enum(RECOMMENDER_METRICS) }).strict(),
    candidates: z.object({ sources: z.array(z.enum(CANDIDATE_SOURCES)).min(1) }).strict(),
    synthetic: z
      .object({
        regime: z.enum(SYNTHETIC_REGIMES),
        seed: z.int().min(0),
        margin: z.object({ min_ratio: z.number().min(1) }).strict(),
      })
      .strict(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    const { event, event_weights, rating, min_rating } = p.interactions;
    if ((event === undefined) !== (event_weights === undefined))
      issue(
        ["interactions", "event_weights"],
        "an event column needs its weights, and weights need the column",
      );
    if (event !== undefined && rating !== undefined)
      issue(["interactions", "rating"], "typed events or ratings, not both");
    if (min_rating !== undefined && rating === undefined)
      issue(["interactions", "min_rating"], "min_rating needs a rating column");
    if (p.items && p.files.items === undefined) issue(["items"], "[items] needs files.items");
    if (p.users && p.files.users === undefined) issue(["users"], "[users] needs files.users");
  });

export type RecommenderProfile = z.infer<typeof RecommenderProfileSchema>;
