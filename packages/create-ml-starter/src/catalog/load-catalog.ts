import path from "node:path";
import { readdir, readFile } from "node:fs/promises";
import { parse } from "smol-toml";
import {
  CatalogEntrySchema,
  formatIssues,
  profileSchemaOf,
  type AnyProfile,
  type ListingType,
} from "@ml-starter/schema";
import { MlStarterError } from "../core/errors.js";
import { profileText } from "./profile-text.js";

/** One `catalog/<slug>.toml`, validated. */
export interface Competition {
  slug: string;
  /** The catalog's own fields: the type it is listed under, a one-line summary, the winners' approaches. */
  listing: { type: ListingType; summary: string; approaches: string };
  profile: AnyProfile;
  /** The `competition.toml` a project gets: the entry's text without its `[catalog]` table (comments kept). */
  profileToml: string;
}

const CATALOG_SUFFIX = ".toml";

function invalid(file: string, message: string, cause?: unknown): MlStarterError {
  return new MlStarterError(
    "TEMPLATE_INVALID",
    `${file}: ${message}`,
    cause === undefined ? {} : { cause },
  );
}

/** Parses and validates one entry; the project file is validated again on its own, as the project will read it. */
export function parseCatalogEntry(file: string, text: string): Competition {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw invalid(file, `not valid TOML (${(error as Error).message.split("\n")[0]})`, error);
  }
  const entry = CatalogEntrySchema.safeParse(data);
  if (!entry.success) throw invalid(file, formatIssues(entry.error).join("; "));
  const profileToml = profileText(file, text);
  const doc = parse(profileToml);
  const profile = profileSchemaOf(doc).safeParse(doc);
  if (!profile.success)
    throw invalid(file, `without [catalog]: ${formatIssues(profile.error).join("; ")}`);
  const slug = path.basename(file, CATALOG_SUFFIX);
  if (profile.data.slug !== slug)
    throw invalid(file, `slug "${profile.data.slug}" differs from the file name`);
  return { slug, listing: entry.data.catalog, profile: profile.data, profileToml };
}

/** A slug that can only name a file directly inside the catalog folder. */
const SLUG_FILE = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The entry `<slug>.toml` alone (a scaffold reads one entry, not the whole catalog: start-up time), or
 * undefined when there is no such file; the caller then loads the catalog to suggest the nearest slugs.
 */
export async function loadCatalogEntry(
  catalogRoot: string,
  slug: string,
): Promise<Competition | undefined> {
  if (!SLUG_FILE.test(slug)) return undefined;
  const file = path.join(catalogRoot, `${slug}${CATALOG_SUFFIX}`);
  const text = await readFile(file, "utf8").catch(() => undefined);
  return text === undefined ? undefined : parseCatalogEntry(file, text);
}

/** Every catalog entry, sorted by slug. The one list of competitions. */
export async function loadCatalog(catalogRoot: string): Promise<Competition[]> {
  let names: string[];
  try {
    names = (await readdir(catalogRoot)).filter((n) => n.endsWith(CATALOG_SUFFIX)).sort();
  } catch (error) {
    throw new MlStarterError(
      "TEMPLATE_INVALID",
      `Competition catalog not found at ${catalogRoot}.`,
      {
        hint: "reinstall @ml-starter/create (in the monorepo: pnpm build)",
        cause: error,
      },
    );
  }
  const entries: Competition[] = [];
  for (const name of names) {
    const file = path.join(catalogRoot, name);
    entries.push(parseCatalogEntry(file, await readFile(file, "utf8")));
  }
  return entries;
}
