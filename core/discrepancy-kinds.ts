/** Each kind of discrepancy as a sentence people read on cards, digests and questions ("Not managed by m365ops"). */
import type { DiscrepancyKind } from '../store/types';

const kindLabels: Record<DiscrepancyKind, string> = {
  'user-deleted': 'User deleted in the tenant',
  'licenses-removed': 'All licences removed',
  'plan-changed': 'Plan changed in the tenant',
  'licenses-drifted': 'Licences match no plan',
  'admin-revoked': 'Admin access removed in the tenant',
  'admin-granted': 'Admin access given outside m365ops',
  'upn-changed': 'Sign-in name changed in the tenant',
  'unmanaged-user': 'Not managed by m365ops',
  'groups-missing': 'Not in all plan groups',
};

export function describeKind(kind: DiscrepancyKind): string {
  return kindLabels[kind];
}
