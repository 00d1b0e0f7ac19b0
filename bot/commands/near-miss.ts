/** "Did you mean …": words within a few typing mistakes of what was typed. */

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function measureEditDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** How many mistakes still count as a near miss: none for 1–2 letters, one up to 5, two up to 9, then three. */
export function nearMissThreshold(length: number): number {
  if (length <= 2) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

/**
 * Candidates within the threshold of `typed`, closest first (case-insensitive); then ids of which the typed word is
 * one whole dash-separated part, so `premium` finds `business-premium`.
 */
export function findNearMisses(typed: string, candidates: readonly string[]): string[] {
  const wanted = typed.toLowerCase();
  const close = rankByDistance(wanted, candidates)
    .filter(
      ({ distance, candidate }) =>
        distance > 0 && distance <= nearMissThreshold(Math.max(wanted.length, candidate.length)),
    )
    .map(({ candidate }) => candidate);
  const byPart = candidates.filter(
    (candidate) =>
      candidate.toLowerCase() !== wanted &&
      !close.includes(candidate) &&
      candidate.toLowerCase().split('-').includes(wanted),
  );
  return [...close, ...new Set(byPart)];
}

/** The `count` closest candidates, whatever their distance. */
export function findClosest(typed: string, candidates: readonly string[], count: number): string[] {
  return rankByDistance(typed.toLowerCase(), candidates)
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

function rankByDistance(wanted: string, candidates: readonly string[]): { candidate: string; distance: number }[] {
  const unique = [...new Set(candidates)];
  return unique
    .map((candidate) => ({ candidate, distance: measureEditDistance(wanted, candidate.toLowerCase()) }))
    .sort((x, y) => x.distance - y.distance);
}
