// Run by `pnpm version-packages` after `changeset version`: generated projects' CI pins the verifier
// to an exact version (docs/decisions.md D14), so that pin follows @ml-starter/verify's new version.
// Usage: node scripts/sync-verifier-pin.mjs [workflow file] (default: the templates' verify.yml)
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
const { name, version } = JSON.parse(
  readFileSync(new URL("packages/verify/package.json", root), "utf8"),
);
const file =
  process.argv[2] ?? fileURLToPath(new URL("templates/_shared/_github/workflows/verify.yml", root));
const pin = new RegExp(
  `${name.replace("/", "\\/")}@\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?=\\s)`,
  "g",
);
const before = readFileSync(file, "utf8");
const count = before.match(pin)?.length ?? 0;
if (count === 0) {
  console.error(`sync-verifier-pin: no ${name}@<version> in ${file}`);
  process.exit(1);
}
const after = before.replace(pin, `${name}@${version}`);
if (after !== before) writeFileSync(file, after);
console.log(
  `sync-verifier-pin: ${count} pin(s) of ${name} at ${version} in ${file}${after === before ? " (unchanged)" : ""}`,
);
