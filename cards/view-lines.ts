/** The lines of the read-only views (users, status, plans, help, sync), worded once for cards and Slack. */
import type { HelpReply, PlansReply, StatusReply, SyncSummaryReply, UserListReply } from '../core/reply';
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
  return `${reply.customerName}: ${count} ${reply.deleted ? 'deleted ' : ''}${count === 1 ? 'user' : 'users'}`;
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
  const free = plan.freeLicences === undefined ? '' : `, ${plan.freeLicences} free licences in the tenant`;
  return `${plan.name}: ${used}${free}`;
}

export function describePlansHeading(reply: PlansReply): string {
  return reply.customerId ? `Plans for ${reply.customerId}` : 'Plans';
}

export function describePlan(plan: PlansReply['plans'][number]): string {
  const parts = [`SKUs ${plan.skus.join(', ') || 'none'}`];
  if (plan.used !== undefined)
    parts.push(plan.limit === undefined ? `${plan.used} used` : `${plan.used} of ${plan.limit} used`);
  else if (plan.limit !== undefined) parts.push(`limit ${plan.limit}`);
  if (plan.freeLicences !== undefined) parts.push(`${plan.freeLicences} free licences`);
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

/** What a sync of a customer with no bound channel says: that nothing reached a channel, and how to bind one. */
export function describeNoChannel(customer: SyncCustomer): string {
  if (!customer.noChannel) return '';
  return `No channel is bound for ${customer.customerName}, so nothing was posted: run \`notify here ${customer.customerId}\` in the channel that should receive its discrepancies (or see them with \`discrepancies ${customer.customerId}\`).`;
}

export function describeSyncFacts(customer: SyncCustomer): { label: string; value: string }[] {
  return [
    { label: 'Users read', value: String(customer.usersRead) },
    { label: 'Discrepancies found', value: String(customer.found) },
    { label: 'Approved automatically', value: String(customer.autoApproved) },
    { label: 'Posted for a decision', value: String(customer.posted) },
    { label: 'Resolved', value: String(customer.resolved) },
  ];
}
