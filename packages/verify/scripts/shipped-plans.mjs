// Records each template's verify plan, as it ships, in plans/shipped-plans.json under "<id>@<version>".
// Entries of earlier versions are kept: projects generated from them still verify without a warning.
// Run after changing a template's plan (and bumping its version): pnpm --filter @ml-starter/verify gen:plans
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const templates = path.resolve(here, "../../../templates");
const out = path.resolve(here, "../plans/shipped-plans.json");
const plans = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : {};
for (const id of readdirSync(templates).sort()) {
  const file = path.join(templates, id, "template.json");
  if (id.startsWith("_") || !existsSync(file)) continue;
  const manifest = JSON.parse(readFileSync(file, "utf8"));
  plans[`${manifest.id}@${manifest.version}`] = manifest.verify;
}
const sorted = Object.fromEntries(Object.entries(plans).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(out, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${out}: ${Object.keys(sorted).join(", ")}`);
