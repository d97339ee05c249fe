import { MlStarterError } from "../core/errors.js";
import type { Competition } from "./load-catalog.js";

/** The project file where a catalog entry's winners' approaches end up. */
export const APPROACHES_FILE = "APPROACHES.md";

const SECTION_HEADING = "## This competition";
const HEADING_2 = /^## /m;

/** The section for one competition: a level-2 heading naming it, then the entry's approaches (Markdown). */
function section(competition: Competition): string {
  const { title, slug, url } = competition.profile;
  const link = url === undefined ? `\`${slug}\`` : `[\`${slug}\`](${url})`;
  return `${SECTION_HEADING}: ${title} (${link})\n\n${competition.listing.approaches.trim()}\n`;
}

/**
 * The template's APPROACHES.md with the competition's section: it replaces a `## This competition…`
 * section the template already has (up to the next `## ` heading), else it is appended at the end.
 */
export function withCompetitionApproaches(templateText: string, competition: Competition): string {
  const start = templateText.search(new RegExp(`^${SECTION_HEADING}`, "m"));
  if (start === -1) return `${templateText.trimEnd()}\n\n${section(competition)}`;
  const rest = templateText.slice(start + SECTION_HEADING.length);
  const next = rest.search(HEADING_2);
  const after = next === -1 ? "" : `\n${rest.slice(next)}`;
  return `${templateText.slice(0, start)}${section(competition)}${after}`;
}

/**
 * The output transform that writes the competition's approaches into the project, checked while
 * planning: a profile-driven template without APPROACHES.md would silently drop them.
 */
export function approachesTransform(
  outputs: readonly string[],
  competition: Competition | undefined,
  templateId: string,
): Record<string, (text: string) => string> {
  if (competition === undefined) return {};
  if (!outputs.includes(APPROACHES_FILE)) {
    throw new MlStarterError(
      "TEMPLATE_INVALID",
      `The ${templateId} template has no ${APPROACHES_FILE} for the competition's approaches.`,
    );
  }
  return { [APPROACHES_FILE]: (text) => withCompetitionApproaches(text, competition) };
}
