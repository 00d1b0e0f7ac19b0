/** Everything one tenant user shows, in one call: identity, licences and admin access of a managed user, or unmanaged. */
import type { TenantUser } from '../m365/types';
import type { ServiceUser } from '../store/types';
import { detectAdminDrift, type GrantView } from './detect-admin';
import { detectUpnChange } from './detect-identity';
import { detectLicenceDrift, detectUnmanagedUser } from './detect-licences';
import type { Finding } from './finding';
import type { PlanCatalog } from './plan-catalog';

export interface UserObservation {
  /** Our record of the object id, if any. */
  record: ServiceUser | null;
  user: TenantUser;
  /** Whether the user holds the customer's admin role in the tenant. */
  isAdmin: boolean;
}

export interface DetectionContext {
  catalog: PlanCatalog;
  /** The admin role (template id or name), for the card. */
  adminRole: string;
  /** Time-boxed grants m365ops gave (absent: none known). */
  grants?: GrantView;
}

export function isManaged(record: ServiceUser | null): record is ServiceUser {
  return record !== null && record.status === 'active';
}

export function detectUser(observation: UserObservation, context: DetectionContext): Finding[] {
  const { record, user, isAdmin } = observation;
  if (!isManaged(record)) {
    const unmanaged = detectUnmanagedUser(user, isAdmin, context.catalog);
    return unmanaged ? [unmanaged] : [];
  }
  return [
    detectUpnChange(record, user),
    detectLicenceDrift(record, user, context.catalog),
    detectAdminDrift(record, isAdmin, context.adminRole, context.grants),
  ].filter((finding): finding is Finding => finding !== null);
}
