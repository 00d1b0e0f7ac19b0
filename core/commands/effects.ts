/**
 * What a command does, and the role each of those effects needs (design §4): the one table authorisation reads.
 * A command is authorised by every effect it carries, never by its name: `add user … admin`, the add-user form's
 * admin toggle, `grant admin` and a Revoke that gives an admin role back all carry `admin-grant`, so all of them
 * need the approver role wherever they are asked for. Roles are cumulative: admin > approver > helpdesk.
 */
import type { DiscrepancyKind, Role } from '../../store/types';

interface EffectRule {
  role: Role;
  /** How a refusal names it: "Granting admin access needs the approver role". */
  action: string;
  /**
   * A command that always carries it has its refusals and failures audited by dispatch. Reading changes nothing;
   * a sync run and a decision record their own runs and audits.
   */
  auditsFailures: boolean;
}

export const effectRules = {
  read: { role: 'helpdesk', action: 'Reading customers, users and plans', auditsFailures: false },
  'user-create': { role: 'helpdesk', action: 'Adding users', auditsFailures: true },
  'user-link': { role: 'helpdesk', action: 'Linking existing users', auditsFailures: true },
  'licence-change': { role: 'helpdesk', action: 'Changing licences', auditsFailures: true },
  'licence-removal': { role: 'helpdesk', action: 'Removing licences', auditsFailures: true },
  'sign-in-block': { role: 'helpdesk', action: 'Blocking sign-in', auditsFailures: true },
  'user-delete': { role: 'helpdesk', action: 'Deleting users', auditsFailures: true },
  'user-rename': { role: 'helpdesk', action: 'Renaming users', auditsFailures: true },
  'admin-revoke': { role: 'helpdesk', action: 'Revoking admin access', auditsFailures: true },
  'password-reset': { role: 'helpdesk', action: 'Resetting passwords', auditsFailures: true },
  offboard: { role: 'helpdesk', action: 'Offboarding users', auditsFailures: true },
  'offboard-cancel': { role: 'helpdesk', action: 'Cancelling offboardings', auditsFailures: true },
  'session-revoke': { role: 'helpdesk', action: 'Signing users out everywhere', auditsFailures: true },
  'group-removal': { role: 'helpdesk', action: 'Removing users from groups', auditsFailures: true },
  /**
   * Joining the groups a plan names: as much as giving the plan's licences (a group may hand out licences), and the
   * groups were vetted when an admin put them in the plan.
   */
  'group-join': { role: 'helpdesk', action: 'Adding users to groups', auditsFailures: true },
  'mailbox-change': { role: 'helpdesk', action: 'Changing mailboxes', auditsFailures: true },
  'device-removal': { role: 'helpdesk', action: 'Removing mobile devices', auditsFailures: true },
  consent: { role: 'helpdesk', action: 'Handling consent', auditsFailures: true },
  'sync-run': { role: 'helpdesk', action: 'Running a sync', auditsFailures: false },
  'request-cancel': { role: 'helpdesk', action: 'Cancelling requests', auditsFailures: true },
  /** Runs failed steps again; each operation kind's own effects are checked too (core/steps). */
  'steps-retry': { role: 'helpdesk', action: 'Retrying failed steps', auditsFailures: true },
  'admin-grant': { role: 'approver', action: 'Granting admin access', auditsFailures: true },
  'user-restore': { role: 'approver', action: 'Restoring deleted users', auditsFailures: true },
  /** Whoever learns an admin's new password holds the admin role: as much as granting it. */
  'admin-password-reset': { role: 'approver', action: "Resetting an admin's password", auditsFailures: true },
  decision: { role: 'approver', action: 'Deciding discrepancies', auditsFailures: false },
  'request-decision': { role: 'approver', action: 'Deciding requests', auditsFailures: true },
  'audit-read': { role: 'approver', action: 'Reading the audit log', auditsFailures: false },
  'channel-binding': { role: 'admin', action: 'Choosing the notification channel', auditsFailures: true },
  'config-change': { role: 'admin', action: 'Changing the configuration', auditsFailures: true },
  'access-change': { role: 'admin', action: 'Changing access', auditsFailures: true },
  'tenant-binding': { role: 'admin', action: "Binding a customer's tenant", auditsFailures: true },
  diagnose: { role: 'admin', action: 'Running the doctor', auditsFailures: false },
} as const satisfies Record<string, EffectRule>;

export type Effect = keyof typeof effectRules;

/** The effects that change nothing: a command carrying only these can run twice harmlessly. */
export const readingEffects: ReadonlySet<Effect> = new Set<Effect>(['read', 'diagnose', 'audit-read']);

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
  'groups-missing': ['group-join'],
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
