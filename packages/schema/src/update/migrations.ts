import { z } from "zod";

const RelativePath = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith("/") && !p.split("/").includes("..") && !p.includes("\\"),
    "a relative POSIX path inside the project",
  );

/** One step of a template migration: a renamed file, or a `key = value` line moved between TOML tables. */
export const MigrationStepSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rename"), from: RelativePath, to: RelativePath }).strict(),
  z
    .object({
      kind: z.literal("move-toml-key"),
      file: RelativePath,
      key: z.string().regex(/^[A-Za-z0-9_-]+$/),
      from: z.string().min(1),
      to: z.string().min(1),
    })
    .strict(),
]);

/** `migrations.json` of @ml-starter/create: run by `update`, in version order, for versions after the project's. */
export const MigrationsSchema = z.array(
  z
    .object({
      version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/),
      description: z.string().min(1),
      steps: z.array(MigrationStepSchema).min(1),
    })
    .strict(),
);

export type MigrationStep = z.infer<typeof MigrationStepSchema>;
export type Migrations = z.infer<typeof MigrationsSchema>;
