/**
 * The groups a plan names (display names or object ids) found in one customer tenant, and putting a user back in
 * them. A name matches case-insensitively; a name two groups share is not guessed at.
 */
import type { TenantClient, TenantGroup } from '../m365/types';
import { HandlerError } from './handler-error';
import { echoInput } from './input-limits';

/** A plan group as found in the tenant: its object id and its name there. */
export interface FoundGroup {
  id: string;
  name: string;
}

export type GroupMatch = { found: FoundGroup } | { missing: string; reason: 'unknown' | 'ambiguous' };

export type GroupLookup = { group: TenantGroup } | { missing: string; reason: 'unknown' | 'ambiguous' };

/**
 * The one way m365ops finds a group a plan (or a person) names: by object id, else by display name in any case when
 * exactly one group has it. Two groups sharing a name are never guessed between; the plan must use the object id.
 */
export function lookUpGroup(reference: string, groups: readonly TenantGroup[]): GroupLookup {
  const wanted = reference.trim().toLowerCase();
  const byId = groups.find((group) => group.id.toLowerCase() === wanted);
  if (byId) return { group: byId };
  const byName = groups.filter((group) => group.displayName.toLowerCase() === wanted);
  if (byName.length === 1) return { group: byName[0]! };
  return { missing: reference, reason: byName.length === 0 ? 'unknown' : 'ambiguous' };
}

/** Finds `reference` (an object id or a display name) among the tenant's groups. */
export function findPlanGroup(reference: string, groups: readonly TenantGroup[]): GroupMatch {
  const lookup = lookUpGroup(reference, groups);
  if ('missing' in lookup) return lookup;
  return { found: { id: lookup.group.id, name: lookup.group.displayName || lookup.group.id } };
}

/**
 * Why `reference` names no one group in `tenantName` ("Contoso's tenant"): the groups there, or the object ids of
 * the groups that share the name.
 */
export function missingGroupSentence(reference: string, groups: readonly TenantGroup[], tenantName: string): string {
  const wanted = reference.trim().toLowerCase();
  const sharing = groups.filter((group) => group.displayName.toLowerCase() === wanted);
  if (sharing.length > 1) {
    const ids = sharing.map((group) => group.id).join(', ');
    return `${sharing.length} groups in ${tenantName} are called "${echoInput(reference)}" (object ids ${ids}); name the one meant by its object id.`;
  }
  return `There is no group "${echoInput(reference)}" in ${tenantName}; its groups are ${describeGroups(groups)}.`;
}

const listedGroups = 15;

/** "All Staff, Finance, Sales" (alphabetical, the first 15, then how many more), or "none". */
export function describeGroups(groups: readonly TenantGroup[]): string {
  if (groups.length === 0) return 'none';
  const sorted = groups.map((group) => group.displayName).sort((a, b) => a.localeCompare(b));
  const names = sorted.slice(0, listedGroups);
  const more = sorted.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

/** "Sales, All Staff" — names as the tenant spells them. */
export function groupNames(groups: readonly FoundGroup[]): string {
  return groups.map((group) => group.name).join(', ');
}

/**
 * Adds the user to each group (already a member is success), one after the other; a failure says which group
 * refused and which were joined before it, and doing it again continues (adding a member twice is success).
 */
export async function joinGroups(
  tenant: TenantClient,
  user: { id: string; upn: string },
  groups: readonly FoundGroup[],
): Promise<void> {
  const joined: FoundGroup[] = [];
  for (const group of groups) {
    try {
      await tenant.addGroupMember(group.id, user.id);
    } catch (error) {
      if (joined.length === 0) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new HandlerError(
        { resumableAfter: error },
        `Added ${user.upn} back to ${groupNames(joined)}, but not to ${group.name}: ${reason}`,
        { cause: error },
      );
    }
    joined.push(group);
  }
}
