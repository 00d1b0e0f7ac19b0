/**
 * Who the tenant object is now, followed by its immutable object id: a new UPN on the same object is one user
 * renamed (upn-changed), never a second user; a managed object that left the tenant is user-deleted. Pure.
 */
import type { TenantUser } from '../m365/types';
import type { ServiceUser } from '../store/types';
import type { Finding } from './finding';

/** soft: restorable from deleted items for 30 days; permanent: gone for good; missing: absent from a full read. */
export type DeletionKind = 'soft' | 'permanent' | 'missing';

export function detectUpnChange(record: ServiceUser, user: TenantUser): Finding | null {
  if (record.upn.toLowerCase() === user.userPrincipalName.toLowerCase()) return null;
  return {
    kind: 'upn-changed',
    objectId: record.objectId,
    upn: record.upn,
    expected: { upn: record.upn },
    actual: { upn: user.userPrincipalName },
  };
}

export function detectDeletion(record: ServiceUser, how: DeletionKind): Finding {
  return {
    kind: 'user-deleted',
    objectId: record.objectId,
    upn: record.upn,
    expected: { status: record.status, planId: record.planId, customSkuIds: record.customSkuIds ?? [] },
    actual: { deleted: how },
  };
}
