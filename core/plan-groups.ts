/**
 * The groups a plan names (display names or object ids) found in one customer tenant, and putting a user back in
 * them. A name matches case-insensitively; a name two groups share is not guessed at.
 */
import type { TenantClient, TenantGroup } from '../m365/types';
import { HandlerError } from './handler-error';

/** A plan group as found in the tenant: its object id and its name there. */
export interface FoundGroup {
  id: string;
  name: string;
}

export type GroupMatch = { found: FoundGroup } | { missing: string; reason: 'unknown' | 'ambiguous' };

/** Finds `reference` (an object id or a display name) among the tenant's groups. */
export function findPlanGroup(reference: string, groups: readonly TenantGroup[]): GroupMatch {
  const wanted = reference.trim().toLowerCase();
  const byId = groups.find((group) => group.id.toLowerCase() === wanted);
  if (byId) return { found: { id: byId.id, name: byId.displayName || byId.id } };
  const byName = groups.filter((group) => group.displayName.toLowerCase() === wanted);
  if (byName.length === 1) return { found: { id: byName[0]!.id, name: byName[0]!.displayName } };
  return { missing: reference, reason: byName.length === 0 ? 'unknown' : 'ambiguous' };
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
