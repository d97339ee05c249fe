import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../src/index.js";

describe("published JSON Schemas", () => {
  it("match the zod schemas (run `pnpm --filter @ml-starter/schema generate:schemas` after a change)", () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const committed = readFileSync(new URL(`../schemas/${name}`, import.meta.url), "utf8");
      expect(committed, name).toBe(`${JSON.stringify(schema, null, 2)}\n`);
    }
  });
});
