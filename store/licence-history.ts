/**
 * The licence history: one record per change of a service user's seat, appended when m365ops (a command, a
 * decision, an offboarding) gives a user a plan's licences, moves them to another plan or takes their licences
 * away. Records are never changed, so a month's licence report can be drawn again later and say the same.
 */

/** From `at`, the user holds these licences (`assigned`), or none from m365ops (`removed`). */
export interface LicenceChange {
  id: string;
  customerId: string;
  objectId: string;
  /** The user's UPN at the time. */
  upn: string;
  /** The plan held from `at`; null with custom licences, and after a removal. */
  planId: string | null;
  /** The licences held from `at`: the plan's SKU part numbers, or the custom skuIds; [] after a removal. */
  skus: string[];
  change: 'assigned' | 'removed';
  at: Date;
}

export interface LicenceHistoryRepo {
  /** Appends a change under a new id. */
  append(change: Omit<LicenceChange, 'id'>): Promise<LicenceChange>;
  /** The customer's changes before `until`, oldest first (changes at the same time in the order appended). */
  list(customerId: string, until: Date): Promise<LicenceChange[]>;
}
