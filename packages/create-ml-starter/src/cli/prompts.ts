import { input, select } from "@inquirer/prompts";
import type { TemplateManifest } from "@ml-starter/schema";
import { checkProjectName } from "../core/names.js";
import { messages } from "./messages.js";

/** Asks for the archetype; every question here also has a flag (see args.ts). */
export async function promptArchetype(archetypes: readonly TemplateManifest[], invalid?: string): Promise<string> {
  return select({
    message: invalid ? messages.invalidArchetypeRetry(invalid) : messages.promptArchetype,
    choices: archetypes.map((a) => ({ name: `${a.title} (${a.id})`, value: a.id, description: a.description })),
  });
}

/** Asks for the project directory name, validated with the same rules as the flag path. */
export async function promptProjectName(defaultName: string): Promise<string> {
  return input({
    message: messages.promptName,
    default: defaultName,
    validate: (value) => {
      const check = checkProjectName(value);
      return check.ok ? true : `${check.rule}; try ${JSON.stringify(check.suggestion)}`;
    },
  });
}
