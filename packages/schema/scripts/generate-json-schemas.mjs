// Writes schemas/*.schema.json from the built zod schemas; a test fails when they are stale.
import { writeFileSync } from "node:fs";
import { jsonSchemas } from "../dist/index.js";

for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(
    new URL(`../schemas/${name}`, import.meta.url),
    `${JSON.stringify(schema, null, 2)}\n`,
  );
}
