/** The lines of the read-only views (users, status, plans, help, sync), worded once for cards and Slack. */

import { describeLicences } from '../core/licence-names';
import type { HelpReply, PlansReply, StatusReply, SyncSummaryReply, UserListReply } from '../core/reply';
import { countOf } from '../core/words';
import { formatTime } from './present';

type ListedUser = UserListReply['users'][number];

export function describeUser(user: ListedUser, planNames: Record<string, string>): string {
  const plan = user.planId ? (planNames[user.planId] ?? user.planId) : 'custom licences';
  return [
    plan,
    user.admin ? 'admin' : undefined,
    user.status === 'active' ? undefined : user.status,
    user.usageLocation ? `location ${user.usageLocation}` : undefined,
    user.aliases.length > 0 ? `aliases ${user.aliases.join(', ')}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function describeUsersHeading(reply: UserListReply): string {
  const count = reply.users.length;
  return `${reply.customerName}: ${countOf(count, reply.deleted ? 'deleted user' : 'user')}`;
}

type StatusCustomer = StatusReply['customers'][number];

export function describeStatusFacts(customer: StatusCustomer): { label: string; value: string }[] {
  return [
    { label: 'Tenant', value: customer.tenantId ?? 'not known yet' },
    { label: 'Consent', value: customer.consent },
    { label: 'Users', value: String(customer.users) },
    { label: 'Open discrepancies', value: String(customer.openDiscrepancies) },
    { label: 'Last sync', value: customer.lastSync ? formatTime(customer.lastSync) : 'never' },
    { label: 'Notifications', value: customer.channel ?? 'no channel bound' },
  ];
}

export function describeStatusPlan(plan: StatusCustomer['plans'][number]): string {
  const used = plan.limit === undefined ? `${plan.used} used` : `${plan.used} of ${plan.limit} used`;
  const free = plan.freeLicences === undefined ? '' : `, ${countOf(plan.freeLicences, 'free licence')} in the tenant`;
  return `${plan.name}: ${used}${free}`;
}

export function describePlansHeading(reply: PlansReply): string {
  return reply.customerId ? `Plans for ${reply.customerId}` : 'Plans';
}

export function describePlan(plan: PlansReply['plans'][number]): string {
  const parts = [`in commands: plan ${plan.id}`];
  const licences = describeLicences(plan.skus);
  if (licences !== plan.name) parts.push(licences);
  if (plan.used !== undefined)
    parts.push(plan.limit === undefined ? `${plan.used} used` : `${plan.used} of ${plan.limit} used`);
  else if (plan.limit !== undefined) parts.push(`limit ${plan.limit}`);
  if (plan.freeLicences !== undefined) parts.push(countOf(plan.freeLicences, 'free licence'));
  return parts.join(' · ');
}

const roleTitles: Record<string, string> = {
  helpdesk: 'Helpdesk',
  approver: 'Approvers',
  admin: 'Admins',
};

/** Commands grouped by the role they need, in the order helpdesk, approver, admin, then anything else. */
export function groupHelpByRole(reply: HelpReply): { title: string; commands: HelpReply['commands'] }[] {
  const order = ['helpdesk', 'approver', 'admin'];
  const roles = [...new Set(reply.commands.map((command) => command.role))].sort(
    (a, b) => rank(order, a) - rank(order, b),
  );
  return roles.map((role) => ({
    title: roleTitles[role] ?? role,
    commands: reply.commands.filter((command) => command.role === role),
  }));
}

function rank(order: string[], role: string): number {
  const index = order.indexOf(role);
  return index === -1 ? order.length : index;
}

type SyncCustomer = SyncSummaryReply['customers'][number];

export function describeSyncOutcome(customer: SyncCustomer): string {
  return { ok: 'done', failed: 'failed', skipped: 'skipped' }[customer.outcome];
}

/**
 * What a customer's sync did, as one line: "Read 50 users · 1 new difference · 0 posted: no channel bound — run
 * `notify here contoso`". Only what happened is said; what waits on someone says how to move it.
 */
export function describeSyncLine(customer: SyncCustomer): string {
  const created = customer.created ?? customer.found;
  const parts = [`Read ${countOf(customer.usersRead, 'user')}`, countOf(created, 'new difference')];
  if (customer.autoApproved > 0) parts.push(`${customer.autoApproved} approved automatically`);
  if (customer.resolved > 0) parts.push(`${customer.resolved} resolved`);
  const toPost = customer.toPost ?? customer.posted;
  if (toPost > 0) parts.push(`${customer.posted} posted${describeUnposted(customer, toPost)}`);
  parts.push(...(customer.notes ?? []));
  return parts.join(' · ');
}

function describeUnposted(customer: SyncCustomer, toPost: number): string {
  if (customer.noChannel) return `: no channel bound — run \`notify here ${customer.customerId}\``;
  const left = toPost - customer.posted;
  return left > 0 ? ` (${left} left for the next run)` : '';
}
