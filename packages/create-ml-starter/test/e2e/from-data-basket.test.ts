// --from-data on a transaction log through the built bin: test/fixtures/basket/purchase-log (customer,
// purchase_date, product rows with ISO dates; written by its make_fixture.py from the basket template's
// generator) becomes a basket project whose locked install, pytest and train pass with no edits.
import path from "node:path";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { BasketProfileSchema } from "@ml-starter/schema";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { parse } from "smol-toml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run, runBuiltCli } from "../built-cli.js";

const SOURCE = fileURLToPath(new URL("../fixtures/basket/purchase-log/", import.meta.url));

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("from data basket");
});
afterEach(async () => tmp.cleanup());

describe("--from-data on a transaction log", () => {
  it("infers a basket profile, installs locked, passes pytest, trains on the copied log and beats the naive baselines", async () => {
    const r = await runBuiltCli(["shop", "--from-data", SOURCE, "--no-git"], { cwd: tmp.path });
    expect(r.exitCode, r.all).toBe(0);
    const project = path.join(tmp.path, "shop");
    const profile = BasketProfileSchema.parse(
      parse(await readFile(path.join(project, "competition.toml"), "utf8")),
    );
    expect(profile.files).toEqual({ transactions: "purchases.csv" });
    expect(profile.layout).toEqual({
      kind: "transactions",
      format: "rows",
      member: "customer",
      date: "purchase_date",
      item: "product",
      date_format: "%Y-%m-%d",
    });
    const cwd = { cwd: project };
    expect((await run("uv", ["sync", "--locked"], cwd)).exitCode).toBe(0);
    const pytest = await run(
      "uv",
      ["run", "--locked", "pytest", "-q", "-p", "no:cacheprovider"],
      cwd,
    );
    expect(pytest.exitCode, pytest.all).toBe(0);
    const train = await run("uv", ["run", "--locked", "shop", "train"], cwd);
    expect(train.exitCode, train.all).toBe(0);
    const metrics = JSON.parse(
      await readFile(path.join(project, "outputs", "metrics.json"), "utf8"),
    ) as { dataset: string; models: Record<string, { f1: number }> };
    expect(metrics.dataset).toBe("raw");
    const f1 = (m: string) => metrics.models[m]?.f1 ?? Number.NaN;
    const best = Math.max(f1("previous_basket"), f1("half_rule"), f1("always_none"));
    expect(f1("lightgbm_f1")).toBeGreaterThan(best);
    const submission = (await readFile(path.join(project, "outputs", "submission.csv"), "utf8"))
      .trimEnd()
      .split("\n");
    expect(submission[0]).toBe("order_id,products");
    expect(submission.length).toBeGreaterThan(1);
    console.log(
      `purchase log: ${Object.entries(metrics.models)
        .map(([m, v]) => `${m} ${v.f1}`)
        .join(", ")}`,
    );
  }, 900_000);
});
