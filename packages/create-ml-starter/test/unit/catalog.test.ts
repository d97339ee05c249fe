import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { loadCatalog, loadRegistry } from "../../src/index.js";
import { loadCatalogEntry, parseCatalogEntry } from "../../src/catalog/load-catalog.js";
import { loadCompetition } from "../../src/catalog/resolve-competition.js";
import { REPO_CATALOG, REPO_TEMPLATES, tabular } from "../repo-templates.js";

describe("the competition catalog", () => {
  it("loads every catalog/<slug>.toml, each slug equal to its file name", async () => {
    const catalog = await loadCatalog(REPO_CATALOG);
    const files = (await readdir(REPO_CATALOG)).filter((n) => n.endsWith(".toml")).sort();
    expect(catalog.map((c) => `${c.slug}.toml`)).toEqual(files);
    expect(catalog.map((c) => c.slug)).toEqual(
      expect.arrayContaining(["titanic", "house-prices-advanced-regression-techniques"]),
    );
  });

  it("reads one entry by slug as the whole catalog does, and only a plain slug as a file name", async () => {
    const catalog = await loadCatalog(REPO_CATALOG);
    expect(await loadCatalogEntry(REPO_CATALOG, "spaceship-titanic")).toEqual(
      catalog.find((c) => c.slug === "spaceship-titanic"),
    );
    for (const slug of ["../catalog/titanic", "Titanic", "titanic.toml", "", "nope"])
      expect(await loadCatalogEntry(REPO_CATALOG, slug)).toBeUndefined();
    await expect(loadCompetition(REPO_CATALOG, "../catalog/titanic")).rejects.toMatchObject({
      code: "UNKNOWN_COMPETITION",
    });
    const miss = await loadCompetition(REPO_CATALOG, "titanik").catch((e: unknown) => e);
    expect(miss).toMatchObject({ code: "UNKNOWN_COMPETITION" });
    expect((miss as { hint?: string }).hint).toContain("titanic");
  });

  it("gives projects the entry without its [catalog] table, comments kept", async () => {
    const file = path.join(REPO_CATALOG, "titanic.toml");
    const text = await readFile(file, "utf8");
    const entry = parseCatalogEntry(file, text);
    expect(entry.profileToml).not.toMatch(/^\[catalog\]/m);
    expect(entry.profileToml.startsWith("#")).toBe(true);
    const { catalog, ...rest } = parse(text) as Record<string, unknown>;
    expect(catalog).toBeDefined();
    expect(parse(entry.profileToml)).toEqual(rest);
  });

  it("lists at least 12 competitions, at least 3 of each task type, every one citing a source", async () => {
    const catalog = await loadCatalog(REPO_CATALOG);
    expect(catalog.length).toBeGreaterThanOrEqual(12);
    for (const type of ["binary", "multiclass", "regression"] as const) {
      expect(catalog.filter((c) => c.listing.type === type).length, type).toBeGreaterThanOrEqual(3);
    }
    for (const c of catalog) {
      expect(c.listing.approaches, c.slug).toMatch(/^Sources?: .*https:\/\//m);
      // Basket profiles hold no synthetic sizes (the project's synth knobs set them); recommender and
      // forecasting profiles size theirs otherwise.
      if (
        "synthetic" in c.profile &&
        c.profile.archetype !== "recommender" &&
        c.profile.archetype !== "forecasting"
      )
        expect(c.profile.synthetic.train_rows, c.slug).toBeLessThanOrEqual(5000);
    }
  });

  it("names the archetype's canonical profile in every profile-driven template", async () => {
    const catalog = await loadCatalog(REPO_CATALOG);
    for (const { manifest } of await loadRegistry(REPO_TEMPLATES)) {
      if (manifest.profile === undefined) continue;
      const entry = catalog.find((c) => c.slug === manifest.profile);
      expect(entry?.profile.archetype, manifest.id).toBe(manifest.id);
    }
  });
});

const VALID = `schema_version = 1
archetype = "classification"
slug = "toy"
title = "Toy"
[files]
train = "train.csv"
[task]
type = "binary"
target = ["y"]
id = ["id"]
labels = [0, 1]
positive = 1
[columns.id]
role = "id"
dtype = "int"
[columns.y]
role = "target"
dtype = "int"
[columns.x]
role = "numeric"
dtype = "float"
[metric]
name = "roc_auc"
[validation]
scheme = "stratified_kfold"
folds = 5
seed = 0
[submission]
columns = ["id", "y"]
prediction = "probability"
label_format = "int"
[baseline]
naive = "majority"
[synthetic]
train_rows = 1000
test_rows = 500
seed = 1
id_offset = 100000
margin = { metric = "roc_auc", min_delta = 0.1 }
[catalog]
type = "binary"
summary = "toy"
approaches = "none"
`;

describe("parseCatalogEntry refuses", () => {
  const refuse = (text: string, message: RegExp) =>
    expect(() => parseCatalogEntry("/c/toy.toml", text)).toThrow(message);

  it("accepts the valid entry the cases below break", () => {
    expect(tabular(parseCatalogEntry("/c/toy.toml", VALID).profile).task.type).toBe("binary");
  });
  it("a column the profile names but does not declare", () => {
    refuse(
      VALID.replace('target = ["y"]', 'target = ["Survived"]'),
      /task\.target\.0: column "Survived" is not declared/,
    );
  });
  it("an unknown metric and a metric that does not fit the task", () => {
    refuse(VALID.replace('name = "roc_auc"', 'name = "auc"'), /metric\.name/);
    refuse(
      VALID.replace('name = "roc_auc"', 'name = "rmse"'),
      /metric "rmse" does not fit a binary task/,
    );
  });
  it("an unknown key (typos fail loudly)", () => {
    refuse(VALID.replace("folds = 5", "folds = 5\nfold = 3"), /validation.*fold/);
  });
  it("a [catalog] table that is not last, and a slug that differs from the file name", () => {
    refuse(`${VALID}[extra]\nx = 1\n`, /\[catalog\] must be the last table|extra/);
    refuse(
      VALID.replace('slug = "toy"', 'slug = "other"'),
      /slug "other" differs from the file name/,
    );
  });
  it("a multi-class probability submission without one column per label", () => {
    const multi = VALID.replace('type = "binary"\ntarget', 'type = "multiclass"\ntarget')
      .replace("labels = [0, 1]\npositive = 1", 'labels = ["a", "b", "c"]')
      .replace('name = "roc_auc"', 'name = "log_loss"')
      .replace('metric = "roc_auc"', 'metric = "log_loss"')
      .replace('type = "binary"\nsummary', 'type = "multiclass"\nsummary');
    const perClass = (cols: string) => multi.replace('columns = ["id", "y"]', `columns = ${cols}`);
    // The class columns name labels, not data columns: accepted undeclared, one per label after the id.
    expect(
      tabular(parseCatalogEntry("/c/toy.toml", perClass('["id", "y_a", "y_b", "y_c"]')).profile)
        .submission.columns,
    ).toHaveLength(4);
    refuse(perClass('["id", "y_a", "y_b"]'), /one column per label \(3\)/);
    refuse(perClass('["y_a", "y_b", "y_c", "y_d"]'), /the id column "id" must be submitted/);
  });
  it("a multi-label task: several targets, submitted in order as probabilities, text archetype only", () => {
    const multi = VALID.replace('archetype = "classification"', 'archetype = "text-classification"')
      .replace('type = "binary"\ntarget = ["y"]', 'type = "multilabel"\ntarget = ["y", "z"]')
      .replace("[columns.x]", '[columns.z]\nrole = "target"\ndtype = "int"\n[columns.x]')
      .replace('columns = ["id", "y"]', 'columns = ["id", "y", "z"]')
      .replaceAll("roc_auc", "mean_roc_auc")
      .replace('type = "binary"\nsummary', 'type = "multilabel"\nsummary');
    expect(tabular(parseCatalogEntry("/c/toy.toml", multi).profile).task.target).toEqual([
      "y",
      "z",
    ]);
    refuse(multi.replace('"id", "y", "z"]', '"id", "z", "y"]'), /then the targets: id, y, z/);
    refuse(
      multi.replace('prediction = "probability"', 'prediction = "label"'),
      /one probability per target/,
    );
    refuse(
      multi.replace('target = ["y", "z"]', 'target = ["y"]'),
      /multilabel needs 2 or more target/,
    );
    refuse(
      multi.replace("labels = [0, 1]", "labels = [0, 1, 2]"),
      /multilabel needs exactly 2 labels/,
    );
    refuse(
      multi.replace('archetype = "text-classification"', 'archetype = "classification"'),
      /belongs to the text-classification archetype/,
    );
    refuse(
      VALID.replace('target = ["y"]', 'target = ["y", "x"]'),
      /several target columns need task type "multilabel"/,
    );
    refuse(
      multi.replace('name = "mean_roc_auc"', 'name = "roc_auc"'),
      /metric "roc_auc" does not fit a multilabel task/,
    );
  });
  it("a file name that leaves the data folder", () => {
    refuse(VALID.replace('train = "train.csv"', 'train = "../train.csv"'), /files\.train/);
  });
});

describe("parseCatalogEntry on basket-analysis entries", () => {
  const log = [
    "schema_version = 1",
    'archetype = "basket-analysis"',
    'slug = "toy"',
    'title = "Toy groceries"',
    "[files]",
    'transactions = "log.csv"',
    "[layout]",
    'kind = "transactions"',
    'format = "rows"',
    'member = "Member_number"',
    'date = "Date"',
    'item = "itemDescription"',
    "[catalog]",
    'type = "basket-analysis"',
    'summary = "toy"',
    'approaches = "Sources: https://example.org"',
    "",
  ].join("\n");

  it("accepts a member/date/item transaction log, listed under the archetype", () => {
    const entry = parseCatalogEntry("/c/toy.toml", log);
    expect(entry.listing.type).toBe("basket-analysis");
    expect(entry.profile).toMatchObject({ files: { transactions: "log.csv" } });
  });

  it.each([
    ["a rows log without its item column", log.replace('item = "itemDescription"\n', ""), "item"],
    [
      "a tabular listing type",
      log.replace('\ntype = "basket-analysis"', '\ntype = "binary"'),
      "catalog.type",
    ],
    [
      "a file outside the data folder",
      log.replace('"log.csv"', '"../log.csv"'),
      "files.transactions",
    ],
    ["an unknown layout format", log.replace('"rows"', '"json"'), "layout"],
  ])("%s", (_name, text, message) => {
    expect(() => parseCatalogEntry("/c/toy.toml", text)).toThrow(message);
  });
});
