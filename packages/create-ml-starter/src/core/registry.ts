import path from "node:path";
import { readdir, readFile } from "node:fs/promises";
import { TemplateManifestSchema, formatIssues, type TemplateManifest } from "@ml-starter/schema";
import { MlStarterError } from "./errors.js";
import { suggestionHint } from "../suggest/did-you-mean.js";

export interface Archetype {
  manifest: TemplateManifest;
  dir: string;
}

/** Every `templates/<id>/template.json`, validated; sorted by id. The one list of archetypes. */
export async function loadRegistry(templatesRoot: string): Promise<Archetype[]> {
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
  // `_`-folders (_shared, _tabular) are layers, not archetypes.
  for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith("_"))) {
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
      throw new MlStarterError("TEMPLATE_INVALID", `${file}: ${formatIssues(result.error).join("; ")}`);
    }
    if (result.data.id !== entry.name) {
      throw new MlStarterError("TEMPLATE_INVALID", `${file}: id "${result.data.id}" differs from its folder name.`);
    }
    archetypes.push({ manifest: result.data, dir });
  }
  return archetypes.sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
}

export function findArchetype(registry: Archetype[], id: string): Archetype {
  const found = registry.find((a) => a.manifest.id === id);
  if (found) return found;
  const ids = registry.map((a) => a.manifest.id);
  throw new MlStarterError("UNKNOWN_ARCHETYPE", `Unknown archetype ${JSON.stringify(id)}.`, {
    hint: suggestionHint(id, ids, `choose one of: ${ids.join(", ")}`),
  });
}
