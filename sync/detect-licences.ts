/**
 * Licence drift of one tenant user, compared by skuId sets: all gone (licenses-removed), now another enabled plan's
 * set (plan-changed), or no plan's set (licenses-drifted); and a licensed user m365ops does not manage
 * (unmanaged-user). Pure: the caller reads the tenant and the store.
 */
import type { TenantUser } from '../m365/types';
import type { ServiceUser } from '../store/types';
import type { Finding } from './finding';
import type { PlanCatalog } from './plan-catalog';
import { sameSkuSet } from './plan-catalog';

export function heldSkuIds(user: Pick<TenantUser, 'assignedLicenses'>): string[] {
  return user.assignedLicenses.map((licence) => licence.skuId);
}

/** What m365ops gave a managed user: its plan's skuIds in this tenant, or its recorded custom ones. */
export function expectedSkuIds(record: ServiceUser, catalog: PlanCatalog): string[] | undefined {
  return record.planId ? catalog.skuIdsOf(record.planId) : record.customSkuIds;
}

export function detectLicenceDrift(record: ServiceUser, user: TenantUser, catalog: PlanCatalog): Finding | null {
  const held = heldSkuIds(user);
  const wanted = expectedSkuIds(record, catalog);
  const expected = {
    planId: record.planId,
    skuIds: wanted ?? [],
    skus: (wanted ?? []).map(catalog.partNumberOf),
  };
  const base = { objectId: record.objectId, upn: record.upn, expected };
  if (held.length === 0) {
    return { ...base, kind: 'licenses-removed', actual: { skuIds: [], skus: [] } };
  }
  // A plan the customer no longer has enabled (or whose SKU the tenant dropped) cannot be compared: no guess.
  if (!wanted || sameSkuSet(held, wanted)) return null;
  const actual = { skuIds: held, skus: held.map(catalog.partNumberOf) };
  const other = catalog.planFor(held);
  if (other && other !== record.planId) {
    return { ...base, kind: 'plan-changed', actual: { ...actual, planId: other } };
  }
  return { ...base, kind: 'licenses-drifted', actual: { ...actual, planId: null } };
}

/** A licensed tenant user without an active service user record. Unlicensed ones are not m365ops' business. */
export function detectUnmanagedUser(user: TenantUser, isAdmin: boolean, catalog: PlanCatalog): Finding | null {
  const held = heldSkuIds(user);
  if (held.length === 0) return null;
  return {
    kind: 'unmanaged-user',
    objectId: user.id,
    upn: user.userPrincipalName,
    expected: { managed: false },
    actual: {
      skuIds: held,
      skus: held.map(catalog.partNumberOf),
      planId: catalog.planFor(held) ?? null,
      displayName: user.displayName,
      usageLocation: user.usageLocation ?? null,
      admin: isAdmin,
    },
  };
}
