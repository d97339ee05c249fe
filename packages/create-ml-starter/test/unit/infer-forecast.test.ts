// --from-data on forecasting data: dated series with test dates after train's become a forecasting profile
// (keys, time, horizon, exogenous, submission); tabular data with a date column is left to the tabular
// inference; non-daily data and a missing sample submission are one error line with exit code 2.
import path from "node:path";
import { mkdir, writeFile } from "node:fs/promises";
import { ForecastingProfileSchema } from "@ml-starter/schema";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { MlStarterError } from "../../src/core/errors.js";
import { profileFromData } from "../../src/cli/from-data.js";
import { detectForecasting } from "../../src/infer/forecast/detect-forecasting.js";
import { instantOf, modalStep, stepName, DAY_MS } from "../../src/infer/forecast/time-steps.js";
import { loadData } from "../../src/infer/infer-from-data.js";

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("infer forecast");
});
afterEach(async () => tmp.cleanup());

async function folder(files: Record<string, string>, name = "my sales"): Promise<string> {
  const dir = path.join(tmp.path, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
  return dir;
}
const csv = (header: string, rows: string[]) => `${[header, ...rows].join("\n")}\n`;
/** `2017-01-01` plus `n` steps of `days`. */
const day = (n: number, days = 1) =>
  new Date(Date.UTC(2017, 0, 1) + n * days * DAY_MS).toISOString().slice(0, 10);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const detect = async (dir: string, metric?: string) =>
  detectForecasting(await loadData(dir), metric);

/** Store Sales' layout: id in train and test, two key columns, a promotion count, 40 + 3 days. */
function storeSales(days = 40, horizon = 3, step = 1) {
  const keys = ["1,GROCERY", "1,BEVERAGES", "2,GROCERY", "2,BEVERAGES"];
  let id = 0;
  const rows = (from: number, n: number, target: boolean) =>
    range(n).flatMap((t) =>
      keys.map(
        (k, s) => `${id++},${day(from + t, step)},${k},${target ? `${s * 10 + t},` : ""}${t % 3}`,
      ),
    );
  const train = csv("id,date,store_nbr,family,sales,onpromotion", rows(0, days, true));
  const test = csv("id,date,store_nbr,family,onpromotion", rows(days, horizon, false));
  const sample = csv(
    "id,sales",
    range(horizon * keys.length).map((i) => `${days * keys.length + i},0.0`),
  );
  return { "train.csv": train, "test.csv": test, "sample_submission.csv": sample };
}

/** One series, no key column (a weather station's daily maximum). */
function oneSeries(days = 60, horizon = 5) {
  return {
    "train.csv": csv(
      "date,temp_max",
      range(days).map((t) => `${day(t)},${(t % 7) + 0.5}`),
    ),
    "test.csv": csv(
      "id,date",
      range(horizon).map((t) => `${t},${day(days + t)}`),
    ),
    "sample_submission.csv": csv(
      "id,temp_max",
      range(horizon).map((t) => `${t},0`),
    ),
  };
}

describe("detectForecasting", () => {
  it("reads Store Sales' layout: two keys, id in train, the promotions as exogenous, 3 test days", async () => {
    const found = await detect(await folder(storeSales()));
    expect(found?.profile).toEqual({
      schema_version: 1,
      archetype: "forecasting",
      slug: "",
      title: "my sales",
      files: { train: "train.csv", test: "test.csv", sample_submission: "sample_submission.csv" },
      series: {
        keys: ["store_nbr", "family"],
        time: "date",
        frequency: "D",
        target: "sales",
        horizon: 3,
        exogenous: ["onpromotion"],
      },
      submission: { id: "id", prediction: "sales", id_in_train: true },
      metric: { name: "rmse" },
      validation: { folds: 3 },
      synthetic: { seed: 42, days: 480, margin: { min_delta: 0.5 } },
    });
    // the TOML written into the project reads back as the same profile
    expect(ForecastingProfileSchema.parse(parse(found!.toml))).toEqual(found!.profile);
  });

  it("takes a lone series without key columns, its synthetic twin one long series", async () => {
    const found = await detect(await folder(oneSeries()), "rmsle");
    expect(found?.profile.series).toMatchObject({ keys: [], time: "date", target: "temp_max" });
    expect(found?.profile.series.horizon).toBe(5);
    expect(found?.profile.submission).toEqual({ id: "id", prediction: "temp_max" });
    expect(found?.profile.synthetic).toEqual({
      seed: 42,
      stores: 1,
      families: 1,
      days: 1100,
      margin: { min_delta: 0.01 },
    });
  });

  it("takes one key column, leaves train-only columns out and text columns out of the exogenous", async () => {
    const train = range(30).flatMap((t) =>
      [1, 2, 3].map((s) => `${s},${day(t)},${100 + s + t},${40 + t},${t % 2},${"0a"[t % 2]}`),
    );
    const test = range(4).flatMap((t) =>
      [1, 2, 3].map((s) => `${t * 3 + s},${s},${day(30 + t)},${t % 2},0`),
    );
    const dir = await folder({
      "train.csv": csv("Store,Date,Sales,Customers,Promo,StateHoliday", train),
      "test.csv": csv("Id,Store,Date,Promo,StateHoliday", test),
      "sample_submission.csv": csv(
        "Id,Sales",
        range(12).map((i) => `${i + 1},0`),
      ),
    });
    const found = await detect(dir, "mae");
    expect(found?.profile.series).toEqual({
      keys: ["Store"],
      time: "Date",
      frequency: "D",
      target: "Sales",
      horizon: 4,
      exogenous: ["Promo"],
    });
    expect(found?.profile.submission).toEqual({ id: "Id", prediction: "Sales" });
    expect(found?.profile.metric).toEqual({ name: "mae" });
  });

  it("leaves tabular data with a date column to the tabular inference", async () => {
    // Several rows per date and no column that names one row per date: transactions, not series.
    const rows = (from: number, n: number) =>
      range(n).map((i) => `${from + i},${day(Math.floor((from + i) / 5))},${(i * 7) % 11}`);
    const dir = await folder({
      "train.csv": csv(
        "id,date,x,y",
        rows(0, 100).map((r, i) => `${r},${i % 2}`),
      ),
      "test.csv": csv("id,date,x", rows(100, 20)),
    });
    expect(await detect(dir)).toBeUndefined();
    const none = { id: undefined, task: undefined, metric: undefined, cv: undefined };
    const tabular = await profileFromData(
      { path: dir, target: undefined, ...none, copyData: true },
      false,
      () => undefined,
    );
    expect(tabular.profile.archetype).toBe("classification");
  });

  it("leaves data whose test dates are not all after train's to the tabular inference", async () => {
    // Bike Sharing's split: test days interleave with train's.
    const train = range(40)
      .filter((t) => t % 10 < 7)
      .map((t) => `${day(t)},${t}`);
    const test = range(40)
      .filter((t) => t % 10 >= 7)
      .map((t, i) => `${i},${day(t)}`);
    const dir = await folder({
      "train.csv": csv("date,count", train),
      "test.csv": csv("id,date", test),
      "sample_submission.csv": csv(
        "id,count",
        test.map((_, i) => `${i},0`),
      ),
    });
    expect(await detect(dir)).toBeUndefined();
    const shifted = await folder(oneSeries(), "later");
    expect(await detect(shifted)).toBeDefined(); // the same shape with test after train is one
  });

  it("refuses weekly data with one line and exit code 2", async () => {
    const dir = await folder(storeSales(40, 3, 7));
    const error = await detect(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlStarterError);
    expect((error as MlStarterError).message).toBe(
      '"date" steps weekly: forecasting takes daily series only (one row per series and day)',
    );
    expect((error as MlStarterError).exitCode).toBe(2);
  });

  it("refuses daily dates with a time of day, and a dataset without a sample submission", async () => {
    const files = oneSeries();
    const timed = await folder(
      Object.fromEntries(
        Object.entries(files).map(([f, t]) => [
          f,
          t.replace(/(\d{4}-\d{2}-\d{2})/g, "$1 00:00:00"),
        ]),
      ),
      "timed",
    );
    await expect(detect(timed)).rejects.toThrow(/carries a time of day/);
    const bare = await folder(
      { "train.csv": files["train.csv"], "test.csv": files["test.csv"] },
      "bare",
    );
    const error = await detect(bare).catch((e: unknown) => e);
    expect((error as MlStarterError).message).toMatch(/needs a sample submission/);
    expect((error as MlStarterError).exitCode).toBe(2);
  });

  it("refuses SMAPE (no synthetic margin) and the tabular-only flags", async () => {
    const dir = await folder(oneSeries());
    await expect(detect(dir, "smape")).rejects.toThrow(/does not fit a forecasting task/);
    const show = () => undefined;
    const none = { id: undefined, task: undefined, metric: undefined, cv: undefined };
    const args = { path: dir, target: "temp_max", ...none, copyData: true };
    await expect(profileFromData(args, false, show)).rejects.toThrow(/this is forecasting data/);
  });
});

describe("time steps", () => {
  it("reads ISO dates and date-times, and nothing that is not a real date", () => {
    expect(instantOf("2016-02-29")).toEqual({ ms: Date.UTC(2016, 1, 29), timed: false });
    expect(instantOf("2016-02-29 13:00")?.timed).toBe(true);
    expect(instantOf("2015-02-29")).toBeUndefined();
    expect(instantOf("29/02/2016")).toBeUndefined();
  });

  it("names the most common step within each series", () => {
    const ms = [0, 1, 2, 0, 1, 3].map((d) => d * DAY_MS);
    expect(modalStep(["a", "a", "a", "b", "b", "b"], ms)).toBe(DAY_MS);
    expect(stepName(3_600_000)).toBe("hourly");
    expect(stepName(7 * DAY_MS)).toBe("weekly");
    expect(stepName(31 * DAY_MS)).toBe("monthly");
    expect(stepName(2 * DAY_MS)).toBe("every 2 days");
  });
});
