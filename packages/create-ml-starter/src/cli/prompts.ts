import { existsSync } from "node:fs";
import path from "node:path";
import { input, select } from "@inquirer/prompts";
import type { TemplateManifest } from "@ml-starter/schema";
import type { Competition } from "../catalog/load-catalog.js";
import { checkProjectName } from "../core/inputs/names.js";
import { messages } from "./messages.js";

/** Asks for the archetype; every question here also has a flag (see args.ts). */
export async function promptArchetype(
  archetypes: readonly TemplateManifest[],
  invalid?: string,
): Promise<string> {
  return select({
    message: invalid ? messages.invalidArchetypeRetry(invalid) : messages.promptArchetype,
    choices: archetypes.map((a) => ({
      name: `${a.title} (${a.id})`,
      value: a.id,
      description: a.description,
    })),
  });
}

export interface Choice {
  name: string;
  value: string;
  description: string;
}

/**
 * The competition choice that means "infer the profile from my files" (the `--from-data` path); a slug
 * never holds a space, so no catalog entry can take this value.
 */
export const OWN_DATA = "my own data";

/**
 * What the competition question offers: the archetype's catalog entries, its canonical one first, then
 * "my own data". The one place for the sources of a profile.
 */
export function competitionChoices(
  catalog: readonly Competition[],
  manifest: TemplateManifest,
): Choice[] {
  const entries = catalog
    .filter((c) => c.profile.archetype === manifest.id)
    .sort((a, b) => Number(b.slug === manifest.profile) - Number(a.slug === manifest.profile));
  if (manifest.profile === undefined) return []; // an archetype without competition profiles
  return [
    ...entries.map((c) => ({
      name: `${c.profile.title} (${c.slug})${c.slug === manifest.profile ? `, ${messages.canonicalCompetition}` : ""}`,
      value: c.slug,
      description: c.listing.summary,
    })),
    { name: messages.ownDataChoice, value: OWN_DATA, description: messages.ownDataDescription },
  ];
}

/** Asks where "my own data" is: an existing path, relative to the current directory. */
export async function promptDataFolder(cwd: string): Promise<string> {
  const answer = await input({
    message: messages.promptDataFolder,
    validate: (value) =>
      value.trim() !== "" && existsSync(path.resolve(cwd, value.trim()))
        ? true
        : messages.dataFolderMissing,
  });
  return path.resolve(cwd, answer.trim());
}

/** Asks which competition's profile the project starts from (the `--competition` question). */
export async function promptCompetition(choices: readonly Choice[]): Promise<string> {
  return select({ message: messages.promptCompetition, choices: [...choices] });
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
