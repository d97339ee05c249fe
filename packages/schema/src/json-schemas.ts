import { z } from "zod";
import { TemplateManifestSchema } from "./manifest.js";
import { ProjectFileSchema } from "./project-file.js";
import { VerifyReportSchema } from "./report.js";
import { CompetitionProfileSchema } from "./competition-profile.js";
import { UpdateReportSchema } from "./update/update-report.js";
import { MigrationsSchema } from "./update/migrations.js";

/** File name → JSON Schema, generated from the zod schemas (input side: what people and tools write). */
export function jsonSchemas(): Record<string, unknown> {
  const gen = (schema: z.ZodType, title: string) => ({
    ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }),
    title,
  });
  return {
    "template-manifest.schema.json": gen(TemplateManifestSchema, "ml-starter template manifest"),
    "project-file.schema.json": gen(ProjectFileSchema, "ml-starter project file (ml-starter.json)"),
    "verify-report.schema.json": gen(VerifyReportSchema, "ml-starter-verify report"),
    "competition-profile.schema.json": gen(
      CompetitionProfileSchema,
      "ml-starter competition profile (competition.toml)",
    ),
    "update-report.schema.json": gen(
      UpdateReportSchema,
      "ml-starter update report (update --json)",
    ),
    "migrations.schema.json": gen(
      MigrationsSchema,
      "ml-starter template migrations (migrations.json)",
    ),
  };
}
