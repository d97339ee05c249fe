import path from "node:path";
import { readdirSync, readFileSync, type Dirent } from "node:fs";
import type { TemplateManifest } from "@ml-starter/schema";
import { MlStarterError } from "../errors.js";
import { suggestionHint } from "../../suggest/did-you-mean.js";

export interface Archetype {
  manifest: TemplateManifest;
  dir: string;
}

/** `_`-folders (_shared, _tabular) are layers, not archetypes. */
const isArchetypeDir = (e: Dirent) => e.isDirectory() && !e.name.startsWith("_");

/** What `--help` and `--list` show of an archetype. */
export type ArchetypeSummary = Pick<TemplateManifest, "id" | "title" | "description">;

interface ManifestText {
  id: string;
  dir: string;
  file: string;
  text: string;
}

/**
 * The text of each archetype folder's template.json (folders without one are skipped); undefined when the
 * templates folder is missing. Synchronous: a handful of small files, read before anything else can run.
 */
function readManifestTexts(templatesRoot: string): ManifestText[] | undefined {
  let entries: Dirent[];
  try {
    entries = readdirSync(templatesRoot, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const texts: ManifestText[] = [];
  for (const entry of entries.filter(isArchetypeDir)) {
    const dir = path.join(templatesRoot, entry.name);
    const file = path.join(dir, "template.json");
    try {
      texts.push({ id: entry.name, dir, file, text: readFileSync(file, "utf8") });
    } catch {
      // not an archetype folder
    }
  }
  return texts;
}

/** Every `templates/<id>/template.json`, validated; sorted by id. The one list of archetypes. */
export async function loadRegistry(templatesRoot: string): Promise<Archetype[]> {
  // The schema library (zod) is loaded only here, so `--help`, `--list` and `--version` never evaluate it.
  const { TemplateManifestSchema, formatIssues } = await import("./manifest-schema.js");
  const texts = readManifestTexts(templatesRoot);
  if (texts === undefined) {
    throw new MlStarterError("TEMPLATE_INVALID", `Templates not found at ${templatesRoot}.`, {
      hint: "reinstall @ml-starter/create (in the monorepo: pnpm build)",
    });
  }
  const archetypes: Archetype[] = [];
  for (const { id, dir, file, text } of texts) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new MlStarterError("TEMPLATE_INVALID", `${file} is not valid JSON.`, { cause: error });
    }
    const result = TemplateManifestSchema.safeParse(json);
    if (!result.success) {
      throw new MlStarterError(
        "TEMPLATE_INVALID",
        `${file}: ${formatIssues(result.error).join("; ")}`,
      );
    }
    if (result.data.id !== id) {
      throw new MlStarterError(
        "TEMPLATE_INVALID",
        `${file}: id "${result.data.id}" differs from its folder name.`,
      );
    }
    archetypes.push({ manifest: result.data, dir });
  }
  return archetypes.sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
}

/**
 * The archetypes for `--help` and `--list`, read without the schema library: a manifest whose id, title or
 * description is not a string falls back to the full validation, which reports it.
 */
export async function summarizeRegistry(templatesRoot: string): Promise<ArchetypeSummary[]> {
  const summaries: ArchetypeSummary[] = [];
  const texts = readManifestTexts(templatesRoot);
  for (const { id: folder, text } of texts ?? []) {
    let json: Partial<Record<keyof ArchetypeSummary, unknown>> | undefined;
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      json = undefined;
    }
    const { id, title, description } = json ?? {};
    if (
      typeof id !== "string" ||
      typeof title !== "string" ||
      typeof description !== "string" ||
      id !== folder
    ) {
      return (await loadRegistry(templatesRoot)).map((a) => a.manifest);
    }
    summaries.push({ id, title, description });
  }
  if (texts === undefined) await loadRegistry(templatesRoot); // throws the "Templates not found" error
  return summaries.sort((a, b) => a.id.localeCompare(b.id));
}

export function findArchetype(registry: readonly Archetype[], id: string): Archetype {
  const found = registry.find((a) => a.manifest.id === id);
  if (found) return found;
  const ids = registry.map((a) => a.manifest.id);
  throw new MlStarterError("UNKNOWN_ARCHETYPE", `Unknown archetype ${JSON.stringify(id)}.`, {
    hint: suggestionHint(id, ids, `choose one of: ${ids.join(", ")}`),
  });
}
