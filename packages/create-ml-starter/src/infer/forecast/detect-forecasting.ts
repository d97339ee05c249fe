import path from "node:path";
import {
  ForecastingProfileSchema,
  formatIssues,
  type ForecastingProfile,
} from "@ml-starter/schema";
import { MlStarterError } from "../../core/errors.js";
import { columnStats } from "../column-stats.js";
import type { CsvSample } from "../csv-sample.js";
import type { DataFiles } from "../data-files.js";
import type { LoadedData } from "../infer-from-data.js";
import { profileToml } from "../infer-from-data.js";
import { inferMessages } from "../messages.js";
import { DAY_MS, instantsOf, modalStep, stepName } from "./time-steps.js";

/** A forecasting profile inferred from the user's files. */
export interface InferredForecast {
  files: DataFiles;
  profile: ForecastingProfile;
  toml: string;
}

type Metric = ForecastingProfile["metric"]["name"];
const FOLDS = 3;
/** The synthetic panel's default length (forecast/synthetic.py), lengthened for long horizons. */
const SYNTHETIC_DAYS = 480;
/** One synthetic series needs about three years before LightGBM beats seasonal naive on it. */
const ONE_SERIES_DAYS = 1100;
/**
 * The synthetic margin per metric, in its units, for a panel and for one series; measured on the
 * Store Sales-shaped generator at seed 42 (D44). SMAPE has none: on its zero-heavy series LightGBM
 * loses to seasonal naive, so `--metric smape` is refused.
 */
const MARGINS: Partial<Record<Metric, readonly [number, number]>> = {
  rmsle: [0.1, 0.01],
  rmse: [0.5, 0.5],
  mae: [0.3, 0.3],
  rmspe: [0.03, 0.03],
};

const column = (s: CsvSample, name: string) => s.rows.map((r) => r[s.header.indexOf(name)] ?? "");
const numeric = (s: CsvSample, name: string) => {
  const dtype = columnStats(name, column(s, name)).dtype;
  return dtype === "int" || dtype === "float";
};

/** The one column of dates that train and test share (several: the one named like a date). */
function timeColumn(train: CsvSample, test: CsvSample): string | undefined {
  const dated = train.header.filter(
    (c) =>
      test.header.includes(c) &&
      instantsOf(column(train, c)) !== undefined &&
      instantsOf(column(test, c)) !== undefined,
  );
  if (dated.length <= 1) return dated[0];
  const named = dated.filter((c) => /date|time|day/i.test(c));
  return named.length === 1 ? named[0] : undefined;
}

/** Target and submission id: from the sample submission, else train's one numeric column that test lacks. */
function targetAndId(train: CsvSample, test: CsvSample, sub: CsvSample | undefined) {
  if (sub !== undefined) {
    const targets = sub.header.filter((c) => train.header.includes(c) && !test.header.includes(c));
    const ids = sub.header.filter((c) => test.header.includes(c));
    if (targets.length !== 1 || ids.length !== 1 || sub.header.length !== 2) return undefined;
    return { target: targets[0] as string, id: ids[0] };
  }
  const only = train.header.filter((c) => !test.header.includes(c) && numeric(train, c));
  return only.length === 1 ? { target: only[0] as string, id: undefined } : undefined;
}

const keyOf = (s: CsvSample, names: readonly string[], i: number) =>
  JSON.stringify(names.map((n) => s.rows[i]?.[s.header.indexOf(n)] ?? ""));

/** Each series over its first to last date, at its step: daily series have few gaps, transactions many. */
const DENSE = 0.8;

/**
 * Rows are unique by (keys, time); with `repeat`, each series (a value of the keys) also comes back on
 * several dates and fills most of its span at the data's step (a customer id beside a purchase date
 * does neither).
 */
function namesSeries(
  s: CsvSample,
  keys: readonly string[],
  time: string,
  repeat: boolean,
): boolean {
  const rows = new Set<string>();
  const series: string[] = [];
  for (let i = 0; i < s.rows.length; i++) {
    const k = keyOf(s, keys, i);
    series.push(k);
    const row = `${k}|${s.rows[i]?.[s.header.indexOf(time)] ?? ""}`;
    if (rows.has(row)) return false;
    rows.add(row);
  }
  if (!repeat) return true;
  const ms = (instantsOf(column(s, time)) ?? []).map((a) => a.ms);
  // The data's own step (between its distinct dates), not each candidate's: x = date mod 2 is no series.
  const dates = [...new Set(ms)];
  const step = modalStep(
    dates.map(() => ""),
    dates,
  );
  if (step === undefined) return keys.length === 0;
  const span = new Map<string, [number, number]>();
  series.forEach((k, i) => {
    const t = ms[i] ?? 0;
    const [lo, hi] = span.get(k) ?? [t, t];
    span.set(k, [Math.min(lo, t), Math.max(hi, t)]);
  });
  const slots = [...span.values()].reduce((n, [lo, hi]) => n + (hi - lo) / step + 1, 0);
  return span.size * 2 <= s.rows.length && s.rows.length >= DENSE * slots;
}

/** The fewest series-id columns (none, one or two, in column order) that name one row per date. */
function seriesKeys(train: CsvSample, test: CsvSample, skip: readonly string[], time: string) {
  const candidates = train.header.filter((c) => {
    if (skip.includes(c) || c === time || !test.header.includes(c)) return false;
    const dtype = columnStats(c, column(train, c)).dtype;
    return dtype === "int" || dtype === "str";
  });
  const fits = (keys: string[]) =>
    namesSeries(train, keys, time, true) && namesSeries(test, keys, time, false);
  if (fits([])) return [];
  for (const c of candidates) if (fits([c])) return [c];
  for (const [i, a] of candidates.entries())
    for (const b of candidates.slice(i + 1)) if (fits([a, b])) return [a, b];
  return undefined;
}

/** Test rows per series (the horizon), the most of any series. */
function horizonOf(test: CsvSample, keys: readonly string[]): number {
  const counts = new Map<string, number>();
  for (let i = 0; i < test.rows.length; i++) {
    const k = keyOf(test, keys, i);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return Math.max(...counts.values());
}

/** Daily plain dates only: anything else is refused (the engine's lags and seasons count days). */
function checkDaily(train: CsvSample, keys: readonly string[], time: string): void {
  const at = instantsOf(column(train, time)) ?? [];
  const step = modalStep(
    train.rows.map((_, i) => keyOf(train, keys, i)),
    at.map((a) => a.ms),
  );
  if (step !== undefined && step !== DAY_MS)
    throw new MlStarterError("INVALID_DATA", inferMessages.notDaily(time, stepName(step)));
  if (at.some((a) => a.timed))
    throw new MlStarterError("INVALID_DATA", inferMessages.timedDates(time));
}

/**
 * A forecasting dataset: a date column in train and test, test's dates all after train's, a numeric target,
 * and series-id columns (or none: one series) naming one row per date. Undefined when the data is not one
 * (tabular inference goes on); a forecasting dataset the engine cannot take is one error line.
 */
export function detectForecasting(
  data: LoadedData,
  metric: string | undefined,
): InferredForecast | undefined {
  const { train, test, sampleSubmission: sub } = data.samples;
  if (test === undefined) return undefined;
  const time = timeColumn(train, test);
  if (time === undefined) return undefined;
  const last = Math.max(...(instantsOf(column(train, time)) ?? []).map((a) => a.ms));
  const first = Math.min(...(instantsOf(column(test, time)) ?? []).map((a) => a.ms));
  if (!(first > last)) return undefined;
  const roles = targetAndId(train, test, sub);
  if (roles === undefined || !numeric(train, roles.target)) return undefined;
  const idGuess = roles.id ?? test.header.find((c) => /^(id|row_id)$/i.test(c));
  const keys = seriesKeys(train, test, [roles.target, ...(idGuess ? [idGuess] : [])], time);
  if (keys === undefined) return undefined;
  checkDaily(train, keys, time);
  if (roles.id === undefined || data.files.sampleSubmission === undefined)
    throw new MlStarterError("INVALID_DATA", inferMessages.forecastNoSample);
  return forecastProfile(data, test, { ...roles, id: roles.id }, keys, time, metric);
}

function forecastProfile(
  data: LoadedData,
  test: CsvSample,
  roles: { target: string; id: string },
  keys: string[],
  time: string,
  metric: string | undefined,
): InferredForecast {
  const train = data.samples.train;
  const files = data.files;
  const name = (metric ?? "rmse") as Metric;
  const margins = MARGINS[name];
  if (margins === undefined)
    throw new MlStarterError(
      "INVALID_OPTION",
      inferMessages.metricTask(name, "forecasting", Object.keys(MARGINS)),
    );
  const horizon = horizonOf(test, keys);
  const named = [...keys, time, roles.target, roles.id];
  const exogenous = test.header.filter(
    (c) => !named.includes(c) && train.header.includes(c) && numeric(train, c) && numeric(test, c),
  );
  const folder = files.source === files.train ? path.dirname(files.source) : files.source;
  const doc = {
    schema_version: 1,
    archetype: "forecasting",
    slug: "",
    title: path.basename(folder).replace(/\s+/g, " ").trim().slice(0, 120) || "My data",
    files: {
      train: path.basename(files.train),
      test: path.basename(files.test ?? ""),
      sample_submission: path.basename(files.sampleSubmission ?? ""),
    },
    series: {
      keys,
      time,
      frequency: "D",
      target: roles.target,
      horizon,
      ...(exogenous.length > 0 ? { exogenous } : {}),
    },
    submission: {
      id: roles.id,
      prediction: roles.target,
      ...(train.header.includes(roles.id) ? { id_in_train: true } : {}),
    },
    metric: { name },
    validation: { folds: FOLDS },
    synthetic: {
      seed: 42,
      // One series without key columns: the synthetic panel is one store's one family.
      ...(keys.length === 0 ? { stores: 1, families: 1 } : {}),
      days: Math.min(
        3000,
        Math.max(keys.length === 0 ? ONE_SERIES_DAYS : SYNTHETIC_DAYS, (FOLDS + 1) * horizon + 28),
      ),
      margin: { min_delta: margins[keys.length === 0 ? 1 : 0] },
    },
  };
  const parsed = ForecastingProfileSchema.safeParse(doc);
  if (!parsed.success)
    throw new MlStarterError(
      "INVALID_DATA",
      inferMessages.invalidProfile(formatIssues(parsed.error).join("; ")),
    );
  return { files, profile: parsed.data, toml: profileToml(parsed.data, path.basename(folder)) };
}
