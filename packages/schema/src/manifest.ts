import { z } from "zod";
import { VerifyPlanSchema } from "./verify-plan.js";

export const ARCHETYPE_ID = /^[a-z][a-z0-9-]*$/;
/** Shared layers are `templates/_<name>/` folders: never archetypes, layered in by `extends`. */
export const LAYER_ID = /^_[a-z][a-z0-9-]*$/;

/** `templates/<id>/template.json`: drives prompts, --help, flag validation, CI matrix and verification. */
export const TemplateManifestSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(ARCHETYPE_ID, { message: "archetype ids are lower-case kebab-case" }),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: "versions are MAJOR.MINOR.PATCH" }),
    title: z.string().min(1).max(60),
    description: z.string().min(1).max(200),
    defaultProjectName: z.string().min(1),
    extends: z
      .array(z.string().regex(LAYER_ID, { message: "layers are `_` + lower-case kebab-case" }))
      .optional()
      .meta({
        description:
          "shared layers copied after _shared and before the archetype's own files, in order",
      }),
    pick: z
      .record(
        z.string().regex(LAYER_ID),
        z
          .array(
            z.string().regex(/^(?!\/)(?!(.*\/)?\.\.(\/|$))[^\\]+$/, {
              message: "a POSIX path inside the layer",
            }),
          )
          .min(1),
      )
      .optional()
      .meta({
        description:
          "for a layer of `extends`, only these of its files (stored paths, e.g. src/__package__/metric.py); its other files stay behind",
      }),
    competition: z
      .object({
        name: z.string().min(1),
        slug: z.string().regex(/^[a-z0-9-]+$/),
        metric: z.string().min(1),
      })
      .strict(),
    profile: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .optional()
      .meta({
        description:
          "slug of the catalog entry written as the project's competition.toml by default",
      }),
    devcontainer: z
      .object({
        image: z.string().min(1).meta({ description: "default base image, tag plus index digest" }),
      })
      .strict(),
    verify: VerifyPlanSchema,
  })
  .strict()
  .superRefine((m, ctx) => {
    for (const layer of Object.keys(m.pick ?? {}))
      if (!(m.extends ?? []).includes(layer))
        ctx.addIssue({
          code: "custom",
          path: ["pick", layer],
          message: "not a layer of `extends`",
        });
  });

export type TemplateManifest = z.infer<typeof TemplateManifestSchema>;
