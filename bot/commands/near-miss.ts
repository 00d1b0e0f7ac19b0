/**
 * "Did you mean …": words within a few typing mistakes of what was typed. The work is bounded whatever is typed:
 * a near miss is at most three mistakes away, so a word whose length differs by more is never compared letter by
 * letter, and the closest-anyway ranking reads only the first `maxComparedLength` characters.
 */

import { inputLimits } from '../../core/input-limits';

/** No command word, option, plan, customer or discrepancy kind is longer; a longer word is compared by its start. */
export const maxComparedLength = inputLimits.compared;

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. With `max`,
 * stops as soon as the distance is known to be over it and answers `max + 1`.
 */
export function measureEditDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let previousBest = 0;
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
      rowBest = Math.min(rowBest, best);
    }
    // No later cell is smaller than the smallest of this row or, through a swap, of the row before.
    if (rowBest > max && previousBest > max) return max + 1;
    before = previous;
    previous = current;
    previousBest = rowBest;
  }
  return Math.min(previous[b.length]!, max + 1);
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
  if (typed.length > maxComparedLength) return [];
  const wanted = typed.toLowerCase();
  const close = [...new Set(candidates)]
    .map((candidate) => {
      const threshold = nearMissThreshold(Math.max(wanted.length, candidate.length));
      return { candidate, threshold, distance: measureEditDistance(wanted, candidate.toLowerCase(), threshold) };
    })
    .filter(({ distance, threshold }) => distance > 0 && distance <= threshold)
    .sort((x, y) => x.distance - y.distance)
    .map(({ candidate }) => candidate);
  const byPart = candidates.filter(
    (candidate) =>
      candidate.toLowerCase() !== wanted &&
      !close.includes(candidate) &&
      candidate.toLowerCase().split('-').includes(wanted),
  );
  return [...close, ...new Set(byPart)];
}

/** The `count` closest candidates, whatever their distance (only the start of a long word is compared). */
export function findClosest(typed: string, candidates: readonly string[], count: number): string[] {
  const wanted = typed.slice(0, maxComparedLength).toLowerCase();
  return [...new Set(candidates)]
    .map((candidate) => ({ candidate, distance: measureEditDistance(wanted, candidate.toLowerCase()) }))
    .sort((x, y) => x.distance - y.distance)
    .slice(0, count)
    .map(({ candidate }) => candidate);
}
