/**
 * Admin access of a managed user against the members of the customer's admin role: the role m365ops gave is
 * gone (admin-revoked), or the role was given outside m365ops (admin-granted). Pure.
 */
import type { ServiceUser } from '../store/types';
import type { Finding } from './finding';

export function detectAdminDrift(record: ServiceUser, isAdmin: boolean, role: string): Finding | null {
  if (record.admin === isAdmin) return null;
  return {
    kind: isAdmin ? 'admin-granted' : 'admin-revoked',
    objectId: record.objectId,
    upn: record.upn,
    expected: { admin: record.admin, role },
    actual: { admin: isAdmin, role },
  };
}
