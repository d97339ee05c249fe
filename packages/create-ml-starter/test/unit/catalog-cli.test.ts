// The catalog as the CLI shows it: the --list text and the interactive question's choices.
import { describe, expect, it } from "vitest";
import { loadCatalog, loadRegistry } from "../../src/index.js";
import { messages } from "../../src/cli/messages.js";
import { competitionChoices, OWN_DATA } from "../../src/cli/prompts.js";
import { REPO_CATALOG, REPO_TEMPLATES } from "../repo-templates.js";

const catalog = await loadCatalog(REPO_CATALOG);
const manifests = (await loadRegistry(REPO_TEMPLATES)).map((a) => a.manifest);

describe("--list", () => {
  const text = messages.list(manifests, catalog);
  const lines = text.split("\n");

  it("shows every archetype, then every competition under its task type with its summary", () => {
    for (const m of manifests) expect(text).toMatch(new RegExp(`^ {4}${m.id} +${m.title}: `, "m"));
    for (const c of catalog) {
      const at = lines.findIndex((l) => l.trimStart().startsWith(`${c.slug} `));
      expect(at, c.slug).toBeGreaterThan(0);
      expect(lines[at]).toContain(c.listing.summary);
      // The nearest group heading above the entry is its type.
      const heading = lines
        .slice(0, at)
        .reverse()
        .find((l) => /^ {2}\S/.test(l));
      expect(heading?.trim(), c.slug).toBe(c.listing.type);
    }
  });

  it("lists the groups in task order, then archetypes listed by name, each once", () => {
    const groups = lines.filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim());
    expect(groups).toEqual(
      [
        "binary",
        "multiclass",
        "regression",
        "multilabel",
        "basket-analysis",
        "forecasting",
        "recommender",
      ].filter((t) => catalog.some((c) => c.listing.type === t)),
    );
  });
});

describe("competitionChoices", () => {
  it('offers the archetype\'s competitions only, its canonical profile first and marked, then "my own data"', () => {
    for (const m of manifests.filter((x) => x.profile !== undefined)) {
      const all = competitionChoices(catalog, m);
      expect(all.at(-1)?.value).toBe(OWN_DATA);
      const choices = all.slice(0, -1);
      expect(choices.map((c) => c.value).sort()).toEqual(
        catalog
          .filter((c) => c.profile.archetype === m.id)
          .map((c) => c.slug)
          .sort(),
      );
      expect(choices[0]?.value).toBe(m.profile);
      expect(choices[0]?.name).toContain(messages.canonicalCompetition);
      expect(choices.slice(1).some((c) => c.name.includes(messages.canonicalCompetition))).toBe(
        false,
      );
    }
  });

  it("offers nothing to an archetype without profiles", () => {
    const recommender = manifests.find((m) => m.id === "recommender")!;
    expect(competitionChoices(catalog, { ...recommender, profile: undefined })).toEqual([]);
  });
});
