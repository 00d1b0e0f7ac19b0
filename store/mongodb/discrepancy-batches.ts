/** Helpers for writing discrepancies in batches: splitting a batch into rounds, and finding its unclosed ones. */
import type { Document } from 'mongodb';
import type { FoundDiscrepancy } from '../ports';

/**
 * Splits a batch into rounds of item indexes in which no key repeats: a key's first occurrence goes in round one,
 * its second in round two, and so on, so that running the rounds in order does what one call per item would.
 */
export function roundsOfDistinct<T>(batch: readonly T[], keyOf: (item: T) => string): number[][] {
  const seen = new Map<string, number>();
  const rounds: number[][] = [];
  batch.forEach((item, index) => {
    const key = keyOf(item);
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    if (round === rounds.length) rounds.push([]);
    rounds[round]!.push(index);
  });
  return rounds;
}

/** A filter for the unclosed discrepancies of the batch's users (of every kind; the caller matches kinds). */
export function unclosedFilter(batch: readonly FoundDiscrepancy[]): Document {
  const byCustomer = new Map<string, Set<string>>();
  for (const found of batch) {
    const users = byCustomer.get(found.customerId) ?? new Set<string>();
    users.add(found.objectId);
    byCustomer.set(found.customerId, users);
  }
  const clauses = [...byCustomer].map(([customerId, users]) => ({
    customerId,
    objectId: { $in: [...users] },
    openKey: 'open',
  }));
  return clauses.length === 1 ? clauses[0]! : { $or: clauses };
}
