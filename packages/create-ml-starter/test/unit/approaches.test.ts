import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog, type MlStarterError } from "../../src/index.js";
import { approachesTransform, withCompetitionApproaches } from "../../src/catalog/approaches.js";
import { REPO_CATALOG } from "../repo-templates.js";

const catalog = await loadCatalog(REPO_CATALOG);
const spaceship = catalog.find((c) => c.slug === "spaceship-titanic");
if (!spaceship) throw new Error("catalog/spaceship-titanic.toml is missing");
const heading =
  "## This competition: Spaceship Titanic ([`spaceship-titanic`](https://www.kaggle.com/competitions/spaceship-titanic))";

describe("withCompetitionApproaches", () => {
  it("appends the entry's approaches under a heading naming the competition", () => {
    const out = withCompetitionApproaches("# Approaches\n\nGeneral text.\n\n\n", spaceship);
    expect(out).toBe(
      `# Approaches\n\nGeneral text.\n\n${heading}\n\n${spaceship.listing.approaches.trim()}\n`,
    );
  });

  it("replaces the template's own `## This competition` section, keeping what follows it", () => {
    const template =
      "# A\n\nintro\n\n## This competition\n\nplaceholder\n\n## Next steps\n\n1. more\n";
    const out = withCompetitionApproaches(template, spaceship);
    expect(out).not.toContain("placeholder");
    expect(out.startsWith(`# A\n\nintro\n\n${heading}\n\n`)).toBe(true);
    expect(out.endsWith("\n## Next steps\n\n1. more\n")).toBe(true);
    // Applying it twice gives the same file: the section is replaced, not stacked.
    expect(withCompetitionApproaches(out, spaceship)).toBe(out);
  });

  it("replaces a last section up to the end of the file", () => {
    const out = withCompetitionApproaches(
      "# A\n\n## This competition: Titanic\n\nold\n",
      spaceship,
    );
    expect(out).toBe(`# A\n\n${heading}\n\n${spaceship.listing.approaches.trim()}\n`);
  });
});

describe("approachesTransform", () => {
  it("is empty without a competition, and rewrites APPROACHES.md with one", () => {
    expect(approachesTransform([], undefined, "recommender")).toEqual({});
    const transforms = approachesTransform(
      ["APPROACHES.md", "README.md"],
      spaceship,
      "classification",
    );
    expect(Object.keys(transforms)).toEqual(["APPROACHES.md"]);
    expect(transforms["APPROACHES.md"]?.("# T\n")).toContain(heading);
  });

  it("refuses a profile-driven template without APPROACHES.md (the approaches would be lost)", () => {
    expect(() =>
      approachesTransform([path.posix.join("docs", "APPROACHES.md")], spaceship, "classification"),
    ).toThrow(expect.objectContaining({ code: "TEMPLATE_INVALID" }) as MlStarterError);
  });
});
