import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/cli/args.js";
import { MlStarterError } from "../../src/index.js";

describe("parseCliArgs", () => {
  it("reads the directory and every flag", () => {
    expect(
      parseCliArgs(["my dir/proj", "--archetype", "classification", "--no-git", "--no-install", "--no-interactive"]),
    ).toMatchObject({
      dir: "my dir/proj",
      archetype: "classification",
      git: false,
      install: false,
      interactive: false,
    });
  });

  it("defaults: git and install on, interactivity decided later", () => {
    expect(parseCliArgs(["x", "-a", "recommender"])).toMatchObject({
      git: true,
      install: true,
      interactive: undefined,
      archetype: "recommender",
      debug: false,
    });
  });

  it("takes the devcontainer image", () => {
    expect(parseCliArgs(["x", "--devcontainer-image=reg/img@sha256:" + "a".repeat(64)]).devcontainerImage).toMatch(/^reg\/img@/);
  });

  it.each([[["--bogus"]], [["a", "b"]], [["x", "--archetype"]]])("refuses %j as a usage error", (argv) => {
    try {
      parseCliArgs(argv);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MlStarterError);
      expect((error as MlStarterError).code).toBe("INVALID_OPTION");
      expect((error as MlStarterError).exitCode).toBe(2);
    }
  });
});
