import { defineConfig } from "vitest/config";

// Three projects: fast unit tests with tiny fixture executables, e2e runs of the built bin with real uv,
// and container mode against a real Docker engine and the real devcontainer CLI.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          setupFiles: ["test/helpers/fail-on-warning.ts"],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          setupFiles: ["test/helpers/fail-on-warning.ts"],
          // Real `uv sync` of LightGBM/pandas on a cold cache, then several verify runs per file.
          testTimeout: 900_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "container",
          include: ["test/container/**/*.test.ts"],
          setupFiles: ["test/helpers/fail-on-warning.ts"],
          // A cold run debootstraps the base image and syncs LightGBM/pandas inside the container.
          testTimeout: 900_000,
          hookTimeout: 1_800_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
