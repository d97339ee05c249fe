import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        // Source-level checks: workflow structure and pins, the lint rules on small trees, and
        // actionlint + zizmor over the workflow sources (both fetched once, then cached).
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        // Need the built CLI (generated projects) or the packed tarball: one file at a time.
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
    restoreMocks: true,
  },
});
