/**
 * Groups as plan templates name them: by display name (any case) or object id, resolved in each customer's tenant;
 * and which of a user's groups a new user may be put in the same way (`add user … like`).
 */
import type { TenantGroup } from '../../m365/types';

/** The group a plan names, by object id or display name (any case); undefined when the tenant has none. */
export function findGroup(groups: readonly TenantGroup[], reference: string): TenantGroup | undefined {
  const key = reference.trim().toLowerCase();
  return (
    groups.find((group) => group.id.toLowerCase() === key) ??
    groups.find((group) => group.displayName.toLowerCase() === key)
  );
}

/**
 * Whether membership is m365ops's to give: a Microsoft 365 group or a security group, not a dynamic one (its rule
 * decides) and not a mail-enabled security group or distribution list (Exchange owns those; Graph cannot add to them).
 */
export function isJoinable(group: TenantGroup): boolean {
  if (group.groupTypes.includes('DynamicMembership')) return false;
  if (group.groupTypes.includes('Unified')) return true;
  return group.securityEnabled && !group.mailEnabled;
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

/** Why m365ops cannot put someone in a group that is not joinable, as a sentence ending in what to do instead. */
export function whyNotJoinable(group: TenantGroup, upn: string): string {
  const what = group.groupTypes.includes('DynamicMembership')
    ? 'a dynamic group: its membership rule decides who is in it'
    : group.securityEnabled
      ? 'a mail-enabled security group: Exchange decides who is in it'
      : 'a distribution list: Exchange decides who is in it';
  const where = group.groupTypes.includes('DynamicMembership')
    ? 'change its rule'
    : 'add them in the Exchange admin center';
  return `${group.displayName} is ${what}, so m365ops cannot add ${upn}; ${where}, or take the group out of the plan.`;
}
