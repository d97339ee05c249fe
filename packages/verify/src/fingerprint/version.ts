/** The first `MAJOR.MINOR[.PATCH]` in a `--version` line (`uv 0.13.8 (…)`, `git version 2.45.1.windows.1`). */
export function parseVersion(text: string): [number, number, number] | undefined {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

/** Negative, zero or positive like a sort comparator. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** True when the version in `text` is at least `min` (`"0.13.0"`); false when no version can be read. */
export function satisfiesMin(text: string, min: string): boolean {
  const have = parseVersion(text);
  const need = parseVersion(min);
  return have !== undefined && need !== undefined && compareVersions(have, need) >= 0;
}
