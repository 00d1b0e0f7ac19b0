/**
 * Admin roles given outside m365ops to accounts it does not manage (issue 12 item 7): every member of the
 * customer's admin role is read each run, so such an account is found whether or not the user delta shows it. An
 * unlicensed one is admin-granted; a licensed one is unmanaged-user, whose card names the role and whose adoption
 * records it. One an approver accepted (an approved admin-granted discrepancy) is not reported again.
 */
import type { TenantClient } from '../m365/types';
import type { Store } from '../store/ports';
import type { Customer } from '../store/types';
import { detectOutsideAdmin } from './detect-admin';
import type { Finding } from './finding';

export interface OutsideAdmins {
  /** Whether `objectId` holds the role outside m365ops and is not accepted: report it. */
  reportable(objectId: string, managed: boolean): boolean;
  /** Findings for the reportable members no page showed (read one by one; admins are few). */
  unseen(managedIds: ReadonlySet<string>, seen: ReadonlySet<string>): Promise<Finding[]>;
}

export async function loadOutsideAdmins(
  store: Store,
  tenant: TenantClient,
  customer: Customer,
  admins: ReadonlySet<string>,
  role: string,
): Promise<OutsideAdmins> {
  const accepted = new Set(
    (await store.discrepancies.list(customer.id))
      .filter((d) => d.kind === 'admin-granted' && (d.status === 'approved' || d.status === 'auto-approved'))
      .map((d) => d.objectId),
  );
  const reportable = (objectId: string, managed: boolean) =>
    !managed && admins.has(objectId) && !accepted.has(objectId);
  return {
    reportable,
    async unseen(managedIds, seen) {
      const findings: Finding[] = [];
      for (const objectId of admins) {
        if (seen.has(objectId) || !reportable(objectId, managedIds.has(objectId))) continue;
        const user = await tenant.getUser(objectId);
        // A role member that is not a user (a group, a service principal) or is gone has no account to report; a
        // licensed one is unmanaged-user, which names its role.
        if (user && user.assignedLicenses.length === 0) findings.push(detectOutsideAdmin(user, role));
      }
      return findings;
    },
  };
}
