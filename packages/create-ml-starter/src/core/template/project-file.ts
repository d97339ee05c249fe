import {
  PROJECT_FILE_NAME,
  ProjectFileSchema,
  publishedSchemaUrl,
  STEP_TOKENS,
  type ProjectFile,
  type TemplateManifest,
  type VerifyPlan,
} from "@ml-starter/schema";
import { GENERATOR } from "../generator-info.js";
import type { ProjectNames } from "../inputs/names.js";

export { PROJECT_FILE_NAME };

/** `ml-starter.json`: template id/version, answers, and the verify plan with the package name filled in. */
export function buildProjectFile(
  manifest: TemplateManifest,
  names: ProjectNames,
  devcontainerImage: string,
  description: string,
  plan: VerifyPlan = manifest.verify,
): ProjectFile {
  const steps = plan.steps.map((step) => ({
    ...step,
    run: step.run.map((arg) => arg.split(STEP_TOKENS.package).join(names.importName)),
  }));
  return ProjectFileSchema.parse({
    $schema: publishedSchemaUrl("project-file.schema.json"),
    schemaVersion: 1,
    generator: { name: GENERATOR.name, version: GENERATOR.version },
    template: { id: manifest.id, version: manifest.version },
    answers: { ...names, description, devcontainerImage },
    verify: { ...plan, steps },
  });
}

/** Stable, diff-friendly JSON: two-space indent, LF, trailing newline. */
export function serializeProjectFile(file: ProjectFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
