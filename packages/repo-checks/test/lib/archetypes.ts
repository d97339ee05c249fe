import path from "node:path";
import { existsSync, readdirSync, readFileSync } from "node:fs";

/**
 * The archetype ids, read from `<templatesRoot>/<dir>/template.json` (the manifests are the only source
 * of truth; nothing in a workflow or a test lists them). Each id must equal its directory name.
 */
export function manifestIds(templatesRoot: string): string[] {
  const ids: string[] = [];
  for (const entry of readdirSync(templatesRoot, { withFileTypes: true })) {
    const file = path.join(templatesRoot, entry.name, "template.json");
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const { id } = JSON.parse(readFileSync(file, "utf8")) as { id?: unknown };
    if (id !== entry.name)
      throw new Error(`${file}: id ${JSON.stringify(id)} differs from its directory name`);
    ids.push(id);
  }
  return ids.sort();
}
