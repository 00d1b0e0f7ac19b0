/**
 * What a command does, and the role each of those effects needs (design §4): the one table authorisation reads.
 * A command is authorised by every effect it carries, never by its name: `add user … admin`, the add-user form's
 * admin toggle, `grant admin` and a Revoke that gives an admin role back all carry `admin-grant`, so all of them
 * need the approver role wherever they are asked for. Roles are cumulative: admin > approver > helpdesk.
 */
import type { DiscrepancyKind, Role } from '../store/types';

interface EffectRule {
  role: Role;
  /** How a refusal names it: "Granting admin access needs the approver role". */
  action: string;
}

export const effectRules = {
  read: { role: 'helpdesk', action: 'Reading customers, users and plans' },
  'user-create': { role: 'helpdesk', action: 'Adding users' },
  'user-link': { role: 'helpdesk', action: 'Linking existing users' },
  'licence-change': { role: 'helpdesk', action: 'Changing licences' },
  'licence-removal': { role: 'helpdesk', action: 'Removing licences' },
  'sign-in-block': { role: 'helpdesk', action: 'Blocking sign-in' },
  'user-delete': { role: 'helpdesk', action: 'Deleting users' },
  'user-rename': { role: 'helpdesk', action: 'Renaming users' },
  'admin-revoke': { role: 'helpdesk', action: 'Revoking admin access' },
  consent: { role: 'helpdesk', action: 'Handling consent' },
  'sync-run': { role: 'helpdesk', action: 'Running a sync' },
  'admin-grant': { role: 'approver', action: 'Granting admin access' },
  'user-restore': { role: 'approver', action: 'Restoring deleted users' },
  decision: { role: 'approver', action: 'Deciding discrepancies' },
  'channel-binding': { role: 'admin', action: 'Choosing the notification channel' },
  'config-change': { role: 'admin', action: 'Changing the configuration' },
  'access-change': { role: 'admin', action: 'Changing access' },
  'tenant-binding': { role: 'admin', action: "Binding a customer's tenant" },
  diagnose: { role: 'admin', action: 'Running the doctor' },
} as const satisfies Record<string, EffectRule>;

export type Effect = keyof typeof effectRules;

/** What a Revoke puts back in the tenant, per kind; an Approve only records the tenant's state in m365ops. */
const revokeEffects: Record<DiscrepancyKind, Effect[]> = {
  'user-deleted': ['user-restore', 'licence-change'],
  'licenses-removed': ['licence-change'],
  'plan-changed': ['licence-change'],
  'licenses-drifted': ['licence-change'],
  'admin-revoked': ['admin-grant'],
  'admin-granted': ['admin-revoke'],
  'upn-changed': ['user-rename'],
  'unmanaged-user': ['licence-removal'],
};

/** The effects of deciding a discrepancy of `kind` with `action`. */
export function decisionEffects(kind: DiscrepancyKind, action: 'approve' | 'revoke'): Effect[] {
  return ['decision', ...(action === 'revoke' ? revokeEffects[kind] : [])];
}

const roleRank: Record<Role, number> = { helpdesk: 1, approver: 2, admin: 3 };

/** Roles are cumulative: an admin may do what an approver may, an approver what helpdesk may. */
export function hasRole(held: Role | undefined, needed: Role): boolean {
  return held !== undefined && roleRank[held] >= roleRank[needed];
}

/** The highest of several roles (an identity may be listed more than once), or undefined. */
export function highestRole(held: readonly Role[]): Role | undefined {
  return [...held].sort((a, b) => roleRank[b] - roleRank[a])[0];
}

/** The effect that needs the highest role (the first of equals), or undefined for none. */
export function strongestEffect(effects: readonly Effect[]): Effect | undefined {
  let strongest: Effect | undefined;
  for (const effect of effects) {
    if (!strongest || roleRank[effectRules[effect].role] > roleRank[effectRules[strongest].role]) strongest = effect;
  }
  return strongest;
}

/** The role that allows every one of `effects` (helpdesk for none). */
export function requiredRoleOf(effects: readonly Effect[]): Role {
  const strongest = strongestEffect(effects);
  return strongest ? effectRules[strongest].role : 'helpdesk';
}

/** The effects `held` does not allow. */
export function effectsBeyond(held: Role | undefined, effects: readonly Effect[]): Effect[] {
  return effects.filter((effect) => !hasRole(held, effectRules[effect].role));
}
