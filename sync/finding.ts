/** What one sync run found about one tenant user: a discrepancy before it is stored. */
import type { DiscrepancyKind } from '../store/types';

export interface Finding {
  kind: DiscrepancyKind;
  objectId: string;
  /** The UPN the card names: our record's for a managed user, the tenant's for an unmanaged one. */
  upn: string;
  /** What m365ops believed, for the card and for Revoke. */
  expected: Record<string, unknown>;
  /** What the tenant holds, for the card and for Approve. */
  actual: Record<string, unknown>;
}

/** The $select of every user read: exactly the properties sync compares (design §6, issue 7). */
export const syncedUserProperties = [
  'id',
  'userPrincipalName',
  'displayName',
  'accountEnabled',
  'assignedLicenses',
  'usageLocation',
  'mail',
  'proxyAddresses',
] as const;
