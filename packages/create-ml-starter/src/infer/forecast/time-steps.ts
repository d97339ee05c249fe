/**
 * Dates of a forecasting dataset: ISO dates (`2017-08-15`) or date-times (`2017-08-15 13:00:00`), read as
 * UTC milliseconds, and the step between consecutive dates of one series. The project parses its time
 * column with `format="%Y-%m-%d"`, so only plain dates at a one-day step are taken as daily.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
export const DAY_MS = 86_400_000;

export interface Instant {
  ms: number;
  /** The value carries a time of day (even 00:00). */
  timed: boolean;
}

/** One value as an instant, or undefined when it is not an ISO date (or is one that does not exist). */
export function instantOf(value: string): Instant | undefined {
  const v = value.trim();
  const m = ISO_DATE.exec(v) ?? ISO_DATE_TIME.exec(v);
  if (m === null) return undefined;
  const [y, mo, d, h = "0", mi = "0", s = "0"] = m.slice(1).map((x) => x ?? "0");
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) return undefined;
  return { ms, timed: m.length > 4 && m[4] !== undefined };
}

/** Every value as an instant, or undefined when one is not a date (a blank included). */
export function instantsOf(values: readonly string[]): Instant[] | undefined {
  const out: Instant[] = [];
  for (const v of values) {
    const at = instantOf(v);
    if (at === undefined) return undefined;
    out.push(at);
  }
  return out.length > 0 ? out : undefined;
}

/** The most common positive step between consecutive instants of each series (ties: the smaller). */
export function modalStep(seriesOf: readonly string[], ms: readonly number[]): number | undefined {
  const bySeries = new Map<string, number[]>();
  seriesOf.forEach((s, i) => {
    const list = bySeries.get(s) ?? [];
    list.push(ms[i] ?? 0);
    bySeries.set(s, list);
  });
  const counts = new Map<number, number>();
  for (const list of bySeries.values()) {
    list.sort((a, b) => a - b);
    for (let i = 1; i < list.length; i++) {
      const step = (list[i] ?? 0) - (list[i - 1] ?? 0);
      if (step > 0) counts.set(step, (counts.get(step) ?? 0) + 1);
    }
  }
  let best: [number, number] | undefined;
  for (const [step, n] of counts)
    if (best === undefined || n > best[1] || (n === best[1] && step < best[0])) best = [step, n];
  return best?.[0];
}

/** A step in words, for the refusal of non-daily data. */
export function stepName(step: number): string {
  const hours = step / 3_600_000;
  if (hours < 24) return hours === 1 ? "hourly" : `every ${+hours.toFixed(2)} hours`;
  const days = step / DAY_MS;
  if (days === 7) return "weekly";
  if (days >= 28 && days <= 31) return "monthly";
  if (days >= 89 && days <= 92) return "quarterly";
  if (days >= 365 && days <= 366) return "yearly";
  return `every ${+days.toFixed(2)} days`;
}
