// --help in `Usage:` form for an 80-column terminal, whatever the archetypes' descriptions say.
import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../src/index.js";
import { messages } from "../../src/cli/messages.js";
import { REPO_TEMPLATES } from "../repo-templates.js";

const manifests = (await loadRegistry(REPO_TEMPLATES)).map((a) => a.manifest);
const tooLong = (text: string) => text.split("\n").filter((line) => line.length > 80);

describe("--help", () => {
  it("fits 80 columns with the real archetypes, and lists each of them and every option", () => {
    const text = messages.help(manifests, "0.1.0");
    expect(tooLong(text)).toEqual([]);
    expect(text).toMatch(/^Usage:\n {2}create-ml-starter <dir> /m);
    for (const m of manifests) expect(text).toMatch(new RegExp(`^ {2}${m.id} +${m.title}: `, "m"));
    for (const flag of [
      "--archetype",
      "--competition",
      "--from-data",
      "--no-interactive",
      "--version",
    ])
      expect(text).toContain(flag);
  });

  it("wraps a long archetype description under its own column", () => {
    const long = { id: "x", title: "X", description: "word ".repeat(60).trim() };
    const lines = messages.help([long], "0.1.0").split("\n");
    const at = lines.findIndex((l) => l.startsWith("  x  X: word"));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {5}word/);
    expect(tooLong(lines.join("\n"))).toEqual([]);
  });
});
