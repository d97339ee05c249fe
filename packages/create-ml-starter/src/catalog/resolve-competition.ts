import type { TemplateManifest } from "@ml-starter/schema";
import { MlStarterError } from "../core/errors.js";
import { loadCatalog, type Competition } from "./load-catalog.js";

/** The project file holding the competition's facts (docs/competition-profile.md). */
export const PROFILE_FILE_NAME = "competition.toml";

/**
 * The catalog entry a project gets: the one asked for, else the archetype's canonical profile; none for
 * archetypes that do not read profiles yet. The entry must belong to the archetype.
 */
export async function resolveCompetition(
  catalogRoot: string,
  manifest: TemplateManifest,
  requested: string | undefined,
): Promise<Competition | undefined> {
  const slug = requested ?? manifest.profile;
  if (slug === undefined) return undefined;
  if (manifest.profile === undefined) {
    throw new MlStarterError("INVALID_OPTION", `The ${manifest.id} archetype does not take a competition profile yet.`);
  }
  const catalog = await loadCatalog(catalogRoot);
  const found = catalog.find((c) => c.slug === slug);
  if (!found) {
    throw new MlStarterError("UNKNOWN_COMPETITION", `Unknown competition ${JSON.stringify(slug)}.`, {
      hint: `choose one of: ${catalog.map((c) => c.slug).join(", ")}`,
    });
  }
  if (found.profile.archetype !== manifest.id) {
    throw new MlStarterError("INVALID_OPTION", `Competition "${slug}" is a ${found.profile.archetype} competition, not ${manifest.id}.`, {
      hint: `use --archetype ${found.profile.archetype}`,
    });
  }
  return found;
}
