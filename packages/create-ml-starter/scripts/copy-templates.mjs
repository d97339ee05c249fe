// Copies the repo's templates/ and catalog/ into this package (npm's `files` cannot reach outside a package).
// Byte-for-byte copy; caches a template author may have left behind are skipped.
import { cpSync, rmSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

const SKIP = new Set(["__pycache__", ".pytest_cache", ".ruff_cache", ".venv", ".DS_Store"]);

for (const dir of ["templates", "catalog"]) {
  const from = fileURLToPath(new URL(`../../../${dir}/`, import.meta.url));
  const to = fileURLToPath(new URL(`../${dir}/`, import.meta.url));
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, {
    recursive: true,
    filter: (src) => !SKIP.has(basename(src)) && !src.endsWith(".pyc"),
  });
}
