import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/cli/args.js";
import { MlStarterError } from "../../src/index.js";

describe("parseCliArgs", () => {
  it("reads the directory and every flag", () => {
    expect(
      parseCliArgs([
        "my dir/proj",
        "--archetype",
        "classification",
        "--no-git",
        "--no-install",
        "--no-interactive",
      ]),
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
    expect(
      parseCliArgs(["x", "--devcontainer-image=reg/img@sha256:" + "a".repeat(64)])
        .devcontainerImage,
    ).toMatch(/^reg\/img@/);
  });

  it("takes --competition, with or without --archetype", () => {
    expect(parseCliArgs(["x", "--competition", "spaceship-titanic"])).toMatchObject({
      competition: "spaceship-titanic",
      archetype: undefined,
    });
    expect(parseCliArgs(["x", "--competition=titanic", "-a", "classification"])).toMatchObject({
      competition: "titanic",
      archetype: "classification",
    });
    expect(parseCliArgs(["x"]).competition).toBeUndefined();
  });

  it.each([
    ["--competiton", /did you mean "--competition"\?/],
    ["--no-instal", /did you mean "--no-install"\?/],
    ["--arch=classification", /did you mean "--archetype"\?/],
    ["--zzzzzz", /^usage: create-ml-starter/],
    ["-z", /^usage: create-ml-starter/],
  ])("names the nearest flags for the unknown %s", (flag, hint) => {
    try {
      parseCliArgs(["x", flag]);
      expect.unreachable();
    } catch (error) {
      expect((error as MlStarterError).message).toContain(
        `Unknown option '${flag.split("=")[0] ?? ""}'`,
      );
      expect((error as MlStarterError).hint).toMatch(hint);
    }
  });

  it.each([[["--bogus"]], [["a", "b"]], [["x", "--archetype"]]])(
    "refuses %j as a usage error",
    (argv) => {
      try {
        parseCliArgs(argv);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(MlStarterError);
        expect((error as MlStarterError).code).toBe("INVALID_OPTION");
        expect((error as MlStarterError).exitCode).toBe(2);
      }
    },
  );
});
