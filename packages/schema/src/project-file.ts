import { z } from "zod";
import { ARCHETYPE_ID } from "./manifest.js";
import { VerifyPlanSchema } from "./verify-plan.js";

export const PROJECT_FILE_NAME = "ml-starter.json";

/** `ml-starter.json` at a generated project's root: everything `ml-starter-verify` needs, committed with it. */
export const ProjectFileSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(1),
    generator: z.object({ name: z.string(), version: z.string() }).strict(),
    template: z.object({ id: z.string().regex(ARCHETYPE_ID), version: z.string() }).strict(),
    answers: z
      .object({
        projectName: z.string().min(1),
        distName: z.string().min(1),
        importName: z.string().min(1),
        description: z.string().min(1).max(200),
        devcontainerImage: z.string().min(1),
      })
      .strict(),
    verify: VerifyPlanSchema,
  })
  .strict();

export type ProjectFile = z.infer<typeof ProjectFileSchema>;
