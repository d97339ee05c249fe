import { z } from "zod";

/** The fields every archetype's `competition.toml` starts with, in this order (one definition for all). */
export function profileHeader<A extends z.ZodType>(archetype: A) {
  return {
    schema_version: z.literal(1),
    archetype,
    slug: z.string().regex(/^([a-z0-9][a-z0-9-]*)?$/, {
      message: "a Kaggle slug (lower-case, digits, -) or empty",
    }),
    title: z.string().min(1).max(120),
    url: z.url().optional(),
  };
}
