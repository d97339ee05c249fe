import type { TemplateManifest } from "@ml-starter/schema";
import { MlStarterError } from "../core/errors.js";
import { suggestionHint } from "../suggest/did-you-mean.js";
import { loadCatalog, loadCatalogEntry, type Competition } from "./load-catalog.js";

/** The project file holding the competition's facts (docs/competition-profile.md). */
export const PROFILE_FILE_NAME = "competition.toml";

/**
 * The catalog entry a project gets: the one asked for, else the archetype's canonical profile; none for
 * archetypes that do not read profiles yet. The entry must belong to the archetype.
 */
export async function resolveCompetition(
  catalogRoot: string,
  manifest: TemplateManifest,
  requested: string | Competition | undefined,
): Promise<Competition | undefined> {
  const slug = typeof requested === "object" ? requested.slug : (requested ?? manifest.profile);
  if (slug === undefined) return undefined;
  if (manifest.profile === undefined) {
    throw new MlStarterError(
      "INVALID_OPTION",
      `The ${manifest.id} archetype does not take a competition profile yet.`,
    );
  }
  const found =
    typeof requested === "object" ? requested : await loadCompetition(catalogRoot, slug);
  if (found.profile.archetype !== manifest.id) {
    throw new MlStarterError(
      "INVALID_OPTION",
      `Competition "${slug}" is a ${found.profile.archetype} competition, not ${manifest.id}.`,
      {
        hint: `use --archetype ${found.profile.archetype}`,
      },
    );
  }
  return found;
}

/** The archetype's canonical entry (its `template.json` plan is written for it): `chosen` when it is that one. */
export async function canonicalCompetition(
  catalogRoot: string,
  manifest: TemplateManifest,
  chosen: Competition | undefined,
): Promise<Competition | undefined> {
  if (manifest.profile === undefined) return undefined;
  if (manifest.profile === chosen?.slug) return chosen;
  return loadCompetition(catalogRoot, manifest.profile);
}

/** The entry with this slug read from its own file, or UNKNOWN_COMPETITION naming the nearest slugs. */
export async function loadCompetition(catalogRoot: string, slug: string): Promise<Competition> {
  return (
    (await loadCatalogEntry(catalogRoot, slug)) ??
    findCompetition(await loadCatalog(catalogRoot), slug)
  );
}

/** The entry with this slug, or UNKNOWN_COMPETITION naming the nearest slugs. */
export function findCompetition(catalog: readonly Competition[], slug: string): Competition {
  const found = catalog.find((c) => c.slug === slug);
  if (found) return found;
  throw new MlStarterError("UNKNOWN_COMPETITION", `Unknown competition ${JSON.stringify(slug)}.`, {
    hint: suggestionHint(
      slug,
      catalog.map((c) => c.slug),
      "--list shows the catalog",
    ),
  });
}
