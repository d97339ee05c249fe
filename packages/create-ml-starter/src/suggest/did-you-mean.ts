/**
 * "Did you mean …": the nearest known names to a mistyped one, for archetypes, competition slugs and flags.
 * Case-insensitive; a name containing the input (or contained in it) counts as near, so `santander` finds
 * `santander-customer-transaction-prediction`, which no edit distance would.
 */

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions (`titnaic` → `titanic` is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Inputs shorter than this never match by containment (`a` is inside every name). */
const MIN_CONTAINED = 3;

/** Up to `max` known names near `input`, nearest first (containment before typos, then by distance, then by name). */
export function nearestNames(input: string, known: readonly string[], max = 3): string[] {
  const typed = input.toLowerCase().replace(/^-+/, "");
  if (typed === "") return [];
  // A typo budget that grows with the length: 1 for short names, about a third of the letters for long ones.
  const budget = Math.max(1, Math.floor(typed.length / 3));
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of known) {
    const candidate = name.toLowerCase().replace(/^-+/, "");
    if (candidate === typed) continue;
    const contained =
      typed.length >= MIN_CONTAINED && (candidate.includes(typed) || typed.includes(candidate));
    const distance = editDistance(typed, candidate);
    if (contained)
      scored.push({ name, score: -1 / (1 + Math.abs(candidate.length - typed.length)) });
    else if (distance <= budget) scored.push({ name, score: distance });
  }
  return scored
    .sort((x, y) => x.score - y.score || x.name.localeCompare(y.name))
    .slice(0, max)
    .map((s) => s.name);
}

/** The hint of an "unknown name" error: the near names, else every name (or where to find them). */
export function suggestionHint(input: string, known: readonly string[], fallback: string): string {
  const near = nearestNames(input, known);
  if (near.length === 0) return fallback;
  return `did you mean ${near.map((n) => JSON.stringify(n)).join(" or ")}?`;
}
