/**
 * The strftime format of a transaction log's dates, from a sample of them (the project parses them with
 * pandas' `to_datetime(format=...)`). Day-first or month-first is told by a field above 12; when no sample
 * value tells, day-first is assumed (the Groceries dataset's `dd-mm-yyyy`, and most non-US logs).
 */
const ISO = /^\d{4}-\d{1,2}-\d{1,2}$/;
const ISO_TIME = /^\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}:\d{2}$/;
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;

/** The format every sample value fits, or undefined when they are not all dates of one format. */
export function dateFormatOf(values: readonly string[]): string | undefined {
  const present = values.map((v) => v.trim()).filter((v) => v !== "");
  if (present.length === 0) return undefined;
  if (present.every((v) => ISO.test(v))) return "%Y-%m-%d";
  if (present.every((v) => ISO_TIME.test(v)))
    return present[0]?.includes("T") ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S";
  const parts = present.map((v) => NUMERIC.exec(v));
  const separator = parts[0]?.[2];
  if (parts.some((p) => p === null || p[2] !== separator) || separator === undefined)
    return undefined;
  const over12 = (i: number) => parts.some((p) => Number(p?.[i]) > 12);
  const [first, second] = [over12(1), over12(3)];
  if (first && second) return undefined; // neither field is a month
  const s = separator;
  return second ? `%m${s}%d${s}%Y` : `%d${s}%m${s}%Y`;
}
