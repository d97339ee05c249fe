// The competition catalog through the built bin: --list, --help, and --competition generating a project.
import path from "node:path";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/index.js";
import { runBuiltCli } from "../built-cli.js";

/** The catalog the build copied into the package (what the bin reads). */
const catalog = await loadCatalog(fileURLToPath(new URL("../../catalog/", import.meta.url)));

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("competition");
});
afterEach(async () => tmp.cleanup());

describe("the catalog in the built CLI", () => {
  it("--list prints every archetype and every competition with its summary, grouped by task", async () => {
    const result = await runBuiltCli(["--list"], { cwd: tmp.path });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toMatch(/^Archetypes \(--archetype <id>\):\n {4}basket-analysis +/);
    expect(result.stdout).toMatch(/^ {4}classification +Classification: /m);
    expect(result.stdout).toContain("\nCompetitions (--competition <slug>):\n  binary\n");
    for (const c of catalog)
      expect(result.stdout).toMatch(
        new RegExp(
          `^ {4}${c.slug} +${c.listing.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
          "m",
        ),
      );
    expect(result.stderr).toBe("");
  });

  it("--help documents --competition and points at --list", async () => {
    const result = await runBuiltCli(["--help"], { cwd: tmp.path });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^ +--competition <slug> +a competition from the catalog/m);
    expect(result.stdout).toMatch(/--list shows them; --competition <slug> starts from one/);
  });

  it("--competition alone picks the archetype and writes the entry's profile and approaches", async () => {
    const ok = await runBuiltCli(
      [
        "space-project",
        "--competition",
        "spaceship-titanic",
        "--no-install",
        "--no-git",
        "--no-interactive",
      ],
      { cwd: tmp.path },
    );
    expect(ok.exitCode, ok.all).toBe(0);
    expect(ok.stdout).toContain(
      'Created Classification starter "space-project" for Spaceship Titanic',
    );
    const project = path.join(tmp.path, "space-project");
    const projectFile = JSON.parse(
      await readFile(path.join(project, "ml-starter.json"), "utf8"),
    ) as { template: { id: string } };
    expect(projectFile.template.id).toBe("classification");
    const profile = parse(await readFile(path.join(project, "competition.toml"), "utf8"));
    expect(profile).toMatchObject({
      slug: "spaceship-titanic",
      task: { id: ["PassengerId"], target: ["Transported"] },
      validation: { scheme: "group_kfold" },
    });
    expect(profile).not.toHaveProperty("catalog");
    expect(await readFile(path.join(project, "APPROACHES.md"), "utf8")).toMatch(
      /^## This competition: Spaceship Titanic .*\n\n- Passengers of one travel group/m,
    );
  });

  it("--competition of a regression entry generates the regression archetype", async () => {
    const ok = await runBuiltCli(
      [
        "claims",
        "--competition",
        "allstate-claims-severity",
        "--no-install",
        "--no-git",
        "--no-interactive",
      ],
      { cwd: tmp.path },
    );
    expect(ok.exitCode, ok.all).toBe(0);
    const projectFile = JSON.parse(
      await readFile(path.join(tmp.path, "claims", "ml-starter.json"), "utf8"),
    ) as { template: { id: string } };
    expect(projectFile.template.id).toBe("regression");
    expect(
      parse(await readFile(path.join(tmp.path, "claims", "competition.toml"), "utf8")),
    ).toMatchObject({ slug: "allstate-claims-severity", metric: { name: "mae" } });
  });

  it("--competition with the matching --archetype is accepted", async () => {
    const ok = await runBuiltCli(
      [
        "otto",
        "--competition",
        "otto-group-product-classification-challenge",
        "-a",
        "classification",
        "--no-install",
        "--no-git",
        "--no-interactive",
      ],
      { cwd: tmp.path },
    );
    expect(ok.exitCode, ok.all).toBe(0);
    expect(
      parse(await readFile(path.join(tmp.path, "otto", "competition.toml"), "utf8")),
    ).toMatchObject({ slug: "otto-group-product-classification-challenge" });
  });
});
