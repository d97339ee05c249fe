import { z } from "zod";

/** Where one side of an update came from: this package, the registry package of that version, or the first commit. */
export const UpdateSourceSchema = z.enum(["installed", "registry", "first-commit"]);

/** `update --json` (and `--dry-run --json`): what changed or would change, for bots and CI. */
export const UpdateReportSchema = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    /** True when the project already is at the target version: nothing was rendered or written. */
    upToDate: z.boolean(),
    /** Absent when up to date. */
    sources: z.object({ base: UpdateSourceSchema, target: UpdateSourceSchema }).strict().optional(),
    dryRun: z.boolean(),
    files: z.array(
      z
        .object({
          path: z.string().min(1),
          action: z.enum(["add", "update", "merge", "delete", "conflict"]),
          reason: z
            .enum(["both-changed", "both-added", "deleted-by-template", "deleted-by-you"])
            .optional(),
        })
        .strict(),
    ),
    migrations: z.array(z.string()),
    lockfiles: z.array(
      z
        .object({
          file: z.string().min(1),
          status: z.enum(["relocked", "from-template", "kept", "pending"]),
          detail: z.string(),
        })
        .strict(),
    ),
    /** Files left with conflict markers and index stages (0 on a clean update). */
    conflicts: z.number().int().nonnegative(),
  })
  .strict();

export type UpdateReport = z.infer<typeof UpdateReportSchema>;
export type UpdateSource = z.infer<typeof UpdateSourceSchema>;
