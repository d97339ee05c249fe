/** What a bounded sample says about one column: enough to pick its dtype, role and (for a target) the task. */
export interface ColumnStats {
  name: string;
  rows: number;
  /** Non-missing values, with counts. */
  counts: Map<string, number>;
  missing: number;
  dtype: "int" | "float" | "str" | "bool";
  /** All non-missing values are whole numbers (1, 2.0). */
  integral: boolean;
  min: number | undefined;
  max: number | undefined;
  mean: number | undefined;
  std: number | undefined;
  /** Share of non-missing values parsed as dates (str columns only). */
  dateShare: number;
  meanWords: number;
}

/** pandas' default missing markers (read_csv na_values), so the project's reader and ours agree. */
const MISSING = new Set([
  "",
  "NA",
  "N/A",
  "NaN",
  "nan",
  "NULL",
  "null",
  "None",
  "<NA>",
  "#N/A",
  "n/a",
  "-NaN",
  "-nan",
]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER_TEXT = /^[+-]?(0|[1-9]\d*)$/;
const BOOL = new Set(["True", "False", "true", "false", "TRUE", "FALSE"]);
const DATE =
  /^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$|^\d{1,2}\/\d{1,2}\/\d{4}( \d{1,2}:\d{2}(:\d{2})?)?$/;

export function isMissing(value: string): boolean {
  return MISSING.has(value.trim());
}

export function columnStats(name: string, values: readonly string[]): ColumnStats {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const raw of values) {
    if (isMissing(raw)) missing++;
    else counts.set(raw, (counts.get(raw) ?? 0) + 1);
  }
  const keys = [...counts.keys()];
  const numeric = keys.length > 0 && keys.every((v) => NUMBER.test(v.trim()));
  const boolean = keys.length > 0 && keys.every((v) => BOOL.has(v.trim()));
  // Integers with leading zeros (`0013`) are identifiers: read as strings, as the profile doc asks.
  const intText = numeric && keys.every((v) => INTEGER_TEXT.test(v.trim()));
  const dtype = boolean ? "bool" : intText && missing === 0 ? "int" : numeric ? "float" : "str";
  let min: number | undefined;
  let max: number | undefined;
  let mean: number | undefined;
  let std: number | undefined;
  let integral = false;
  if (numeric) {
    let sum = 0;
    let sq = 0;
    let n = 0;
    integral = true;
    for (const [v, c] of counts) {
      const x = Number(v);
      min = min === undefined || x < min ? x : min;
      max = max === undefined || x > max ? x : max;
      integral &&= Number.isInteger(x);
      sum += x * c;
      sq += x * x * c;
      n += c;
    }
    mean = sum / n;
    std = Math.sqrt(Math.max(0, sq / n - mean * mean));
  }
  let dateShare = 0;
  let meanWords = 0;
  if (dtype === "str" && keys.length > 0) {
    dateShare =
      keys.filter((v) => DATE.test(v.trim()) && !Number.isNaN(Date.parse(v.trim()))).length /
      keys.length;
    meanWords = keys.reduce((s, v) => s + v.trim().split(/\s+/).length, 0) / keys.length;
  }
  return {
    name,
    rows: values.length,
    counts,
    missing,
    dtype,
    integral,
    min,
    max,
    mean,
    std,
    dateShare,
    meanWords,
  };
}

/** The sample's distinct values typed as the file stores them (numbers stay numbers), sorted. */
export function typedValues(stats: ColumnStats): Array<string | number | boolean> {
  const keys = [...stats.counts.keys()].map((v) => v.trim());
  if (stats.dtype === "bool")
    return [...new Set(keys.map((v) => v.toLowerCase() === "true"))].sort(
      (a, b) => Number(a) - Number(b),
    );
  if (stats.dtype === "int" || stats.dtype === "float")
    return [...new Set(keys.map(Number))].sort((a, b) => a - b);
  return [...new Set(keys)].sort();
}
