/**
 * Admin access of a managed user against the members of the customer's admin role: the role m365ops gave is
 * gone (admin-revoked), or the role was given outside m365ops (admin-granted). A role m365ops gave with an end
 * time is not drift while it lasts; one that outlived its end (the removal failed or was undone) is admin-granted
 * drift, whose Revoke removes it. The role held by an account m365ops does not manage is admin-granted too. Pure.
 */
import type { AdminGrant } from '../store/admin-grant';
import type { ServiceUser } from '../store/types';
import type { Finding } from './finding';

/** What sync knows of time-boxed grants: the customer's current grants by object id, and the run's time. */
export interface GrantView {
  grants: ReadonlyMap<string, Pick<AdminGrant, 'endsAt'>>;
  now: Date;
}

/**
 * An account m365ops does not manage (licensed or not) holding the admin role: given outside m365ops, unless an
 * approver accepted it before (the caller leaves those out).
 */
export function detectOutsideAdmin(user: { id: string; userPrincipalName: string }, role: string): Finding {
  return {
    kind: 'admin-granted',
    objectId: user.id,
    upn: user.userPrincipalName,
    expected: { admin: false, role, managed: false },
    actual: { admin: true, role },
  };
}

export function detectAdminDrift(
  record: ServiceUser,
  isAdmin: boolean,
  role: string,
  view?: GrantView,
): Finding | null {
  const grant = view?.grants.get(record.objectId);
  if (isAdmin && grant) {
    if (!grant.endsAt || grant.endsAt > view!.now) return null;
    return {
      kind: 'admin-granted',
      objectId: record.objectId,
      upn: record.upn,
      expected: { admin: false, role, endedAt: grant.endsAt.toISOString() },
      actual: { admin: true, role },
    };
  }
  if (record.admin === isAdmin) return null;
  return {
    kind: isAdmin ? 'admin-granted' : 'admin-revoked',
    objectId: record.objectId,
    upn: record.upn,
    expected: { admin: record.admin, role },
    actual: { admin: isAdmin, role },
  };
}
