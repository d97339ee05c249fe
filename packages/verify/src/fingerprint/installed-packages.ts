import { normaliseName } from "./lock-markers.js";

export interface InstalledPackage {
  name: string;
  version: string;
}

/** `uv pip list --format json` output (possibly with warning lines around it) → sorted, PEP 503 names. */
export function parsePipList(output: string): InstalledPackage[] | undefined {
  for (const line of output.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("[")) continue;
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      continue;
    }
    if (!Array.isArray(json)) continue;
    const out: InstalledPackage[] = [];
    for (const item of json) {
      const rec = item as { name?: unknown; version?: unknown };
      if (typeof rec.name === "string" && typeof rec.version === "string") {
        out.push({ name: normaliseName(rec.name), version: rec.version });
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return undefined;
}
