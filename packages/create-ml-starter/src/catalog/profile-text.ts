import { MlStarterError } from "../core/errors.js";

const CATALOG_HEADER = /^\[catalog\][ \t]*(#.*)?$/m;
const ANY_HEADER = /^\[{1,2}[^\]\n]+\]{1,2}[ \t]*(#.*)?$/gm;

/**
 * A catalog entry's text without its `[catalog]` table, which must come last: cutting text (rather than
 * re-serialising parsed TOML) keeps the author's comments and order in the user's `competition.toml`.
 */
export function profileText(file: string, text: string): string {
  const match = CATALOG_HEADER.exec(text);
  if (!match) throw new MlStarterError("TEMPLATE_INVALID", `${file}: has no [catalog] table.`);
  const later = [...text.slice(match.index + match[0].length).matchAll(ANY_HEADER)];
  if (later.length > 0) {
    throw new MlStarterError(
      "TEMPLATE_INVALID",
      `${file}: [catalog] must be the last table (found ${later[0]?.[0]} after it).`,
    );
  }
  return `${text.slice(0, match.index).trimEnd()}\n`;
}
