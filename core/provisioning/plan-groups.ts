/**
 * Which groups m365ops may put a user in (plan templates, `add user … like`), and why not when it may not; finding
 * a group by name or id is core/plan-groups.ts's lookUpGroup.
 */
import type { TenantGroup } from '../../m365/types';

/**
 * Whether membership is m365ops's to give: a Microsoft 365 group or a security group, not a dynamic one (its rule
 * decides) and not a mail-enabled security group or distribution list (Exchange owns those; Graph cannot add to them).
 */
export function isJoinable(group: TenantGroup): boolean {
  if (group.groupTypes.includes('DynamicMembership')) return false;
  if (group.groupTypes.includes('Unified')) return true;
  return group.securityEnabled && !group.mailEnabled;
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
