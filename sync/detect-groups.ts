/**
 * Plan groups of one managed user: the groups their plan names that they are not a direct member of, leaving out
 * those an approver accepted them staying out of (groups-missing). Pure: the caller reads the tenant.
 */
import type { FoundGroup } from '../core/plan-groups';
import type { ServiceUser } from '../store/types';
import type { Finding } from './finding';
import type { PlanGroups } from './plan-groups';

export function detectMissingGroups(record: ServiceUser, planGroups: PlanGroups): Finding | null {
  const wanted = planGroups.groupsOf(record.planId);
  if (wanted.length === 0) return null;
  const excepted = new Set((record.groupExceptions ?? []).map((id) => id.toLowerCase()));
  const missing = wanted.filter(
    (group) => !excepted.has(group.id.toLowerCase()) && !planGroups.isMember(group.id, record.objectId),
  );
  if (missing.length === 0) return null;
  return {
    kind: 'groups-missing',
    objectId: record.objectId,
    upn: record.upn,
    expected: { planId: record.planId, groups: wanted.map(copy) },
    actual: { missing: missing.map(copy) },
  };
}

/** Groups as a groups-missing discrepancy stores them (`actual.missing`, `expected.groups`). */
export function storedGroups(value: unknown): FoundGroup[] {
  const listed = Array.isArray(value) ? value : [];
  return listed.flatMap((item) => {
    const group = item as Partial<FoundGroup> | null;
    if (typeof group?.id !== 'string') return [];
    return [{ id: group.id, name: typeof group.name === 'string' ? group.name : group.id }];
  });
}

function copy(group: FoundGroup): FoundGroup {
  return { id: group.id, name: group.name };
}
