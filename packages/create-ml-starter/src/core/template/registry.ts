import path from "node:path";
import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
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

/** Every `templates/<id>/template.json`, validated; sorted by id. The one list of archetypes. */
export async function loadRegistry(templatesRoot: string): Promise<Archetype[]> {
  // The schema library (zod) is loaded only here, so `--help`, `--list` and `--version` never evaluate it.
  const { TemplateManifestSchema, formatIssues } = await import("@ml-starter/schema");
  let entries;
  try {
    entries = await readdir(templatesRoot, { withFileTypes: true });
  } catch (error) {
    throw new MlStarterError("TEMPLATE_INVALID", `Templates not found at ${templatesRoot}.`, {
      hint: "reinstall create-ml-starter (in the monorepo: pnpm build)",
      cause: error,
    });
  }
  const archetypes: Archetype[] = [];
  for (const entry of entries.filter(isArchetypeDir)) {
    const dir = path.join(templatesRoot, entry.name);
    const file = path.join(dir, "template.json");
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text === undefined) continue;
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
    if (result.data.id !== entry.name) {
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
  const entries = await readdir(templatesRoot, { withFileTypes: true }).catch(() => undefined);
  for (const entry of entries?.filter(isArchetypeDir) ?? []) {
    const text = await readFile(
      path.join(templatesRoot, entry.name, "template.json"),
      "utf8",
    ).catch(() => undefined);
    if (text === undefined) continue;
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
      id !== entry.name
    ) {
      return (await loadRegistry(templatesRoot)).map((a) => a.manifest);
    }
    summaries.push({ id, title, description });
  }
  if (entries === undefined) await loadRegistry(templatesRoot); // throws the "Templates not found" error
  return summaries.sort((a, b) => a.id.localeCompare(b.id));
}

export function findArchetype(registry: Archetype[], id: string): Archetype {
  const found = registry.find((a) => a.manifest.id === id);
  if (found) return found;
  const ids = registry.map((a) => a.manifest.id);
  throw new MlStarterError("UNKNOWN_ARCHETYPE", `Unknown archetype ${JSON.stringify(id)}.`, {
    hint: suggestionHint(id, ids, `choose one of: ${ids.join(", ")}`),
  });
}
