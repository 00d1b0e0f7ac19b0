/**
 * The admin commands that edit a plan's template (design §9), and `plan <id>` that shows it. Every change is
 * checked against the tenants of the customers offering the plan before it is written (an unknown group or a
 * mailbox that is not shared refuses the command, nothing changed), written in one atomic update and audited.
 */
import { recordAudit } from '../core/audit';
import { fail, unknownPlan } from '../core/errors';
import { describeLicences } from '../core/licence-names';
import { checkGroupsInTenants, checkSharedMailbox } from '../core/plan-templates/check-template';
import type { ResultReply } from '../core/reply';
import type { Command } from '../core/request';
import type { Invocation } from '../core/runtime';
import type { MailboxAccess, Plan, SharedMailboxGrant } from '../store/types';

type CommandOf<N extends Command['name']> = Extract<Command, { name: N }>;

async function getPlan(invocation: Invocation, planId: string): Promise<Plan> {
  const { store } = invocation.runtime;
  const plan = await store.plans.get(planId.toLowerCase());
  if (!plan) throw unknownPlan(planId, undefined, await store.plans.list());
  invocation.target = plan.id;
  return plan;
}

/** The template as facts: what a new user on the plan gets. */
export function templateFacts(plan: Plan): ResultReply['facts'] {
  const grants = (plan.sharedMailboxes ?? []).map((grant) => `${grant.mailbox} (${describeAccess(grant.access)})`);
  const disabled = Object.entries(plan.disabledPlans).flatMap(([sku, names]) => names.map((n) => `${n} in ${sku}`));
  return [
    { label: 'Plan', value: `${plan.name} (${plan.id})` },
    { label: 'Licences', value: describeLicences(plan.skus) },
    { label: 'Service plans off', value: disabled.join(', ') || 'none' },
    { label: 'Groups', value: plan.groups?.join(', ') || 'none' },
    { label: 'Username format', value: plan.usernameFormat ?? 'none (the UPN must be given)' },
    { label: 'Domain', value: plan.domain ?? "each customer's, else the tenant's default" },
    { label: 'Usage location', value: plan.usageLocation ?? "the customer's usual one" },
    { label: 'Shared mailboxes', value: grants.join(', ') || 'none' },
  ];
}

function describeAccess(access: readonly MailboxAccess[]): string {
  return access.map((right) => (right === 'FullAccess' ? 'Full Access' : 'Send As')).join(' and ');
}

async function answer(invocation: Invocation, plan: Plan, title: string, details: Record<string, unknown>) {
  const audit = await recordAudit(invocation, { action: 'plan-template', result: 'ok', details });
  const reply: ResultReply = { kind: 'result', title, facts: templateFacts(plan), notes: [], auditId: audit.id };
  return reply;
}

export async function showPlan(invocation: Invocation, command: CommandOf<'plan-show'>): Promise<ResultReply> {
  const plan = await getPlan(invocation, command.planId);
  return { kind: 'result', title: `The plan ${plan.name}`, facts: templateFacts(plan), notes: [] };
}

export async function setPlanGroups(invocation: Invocation, command: CommandOf<'plan-groups'>): Promise<ResultReply> {
  const plan = await getPlan(invocation, command.planId);
  await checkGroupsInTenants(invocation.runtime, plan, command.groups);
  const groups = command.groups.length > 0 ? command.groups : undefined;
  const updated = await invocation.runtime.store.plans.update(plan.id, { groups });
  const title = groups
    ? `New users on ${plan.name} join ${groups.join(', ')}`
    : `New users on ${plan.name} join no group`;
  return answer(invocation, updated, title, { planId: plan.id, groups: command.groups });
}

export async function setPlanFormat(invocation: Invocation, command: CommandOf<'plan-format'>): Promise<ResultReply> {
  const plan = await getPlan(invocation, command.planId);
  const updated = await invocation.runtime.store.plans.update(plan.id, {
    usernameFormat: command.format,
    ...(command.domain ? { domain: command.domain } : {}),
  });
  const domain = updated.domain ?? 'the tenant’s default domain';
  return answer(invocation, updated, `${plan.name} makes UPNs as ${command.format}@${domain}`, {
    planId: plan.id,
    usernameFormat: command.format,
    domain: command.domain,
  });
}

export async function setPlanSharedMailbox(
  invocation: Invocation,
  command: CommandOf<'plan-shared-mailbox'>,
): Promise<ResultReply> {
  const plan = await getPlan(invocation, command.planId);
  const access: MailboxAccess[] = [
    ...(command.fullAccess ? (['FullAccess'] as const) : []),
    ...(command.sendAs ? (['SendAs'] as const) : []),
  ];
  // Either what to grant or `remove`, not both and not neither.
  if (command.remove === access.length > 0) {
    throw fail(
      'bad-kind',
      `Say what to grant on ${command.mailbox}: \`full-access\`, \`send-as\` (or both), or \`remove\` to stop granting it.`,
      { suggestions: ['full-access', 'send-as', 'remove'] },
    );
  }
  const others = (plan.sharedMailboxes ?? []).filter((grant) => grant.mailbox !== command.mailbox);
  if (!command.remove) await checkSharedMailbox(invocation.runtime, plan, command.mailbox);
  const grants: SharedMailboxGrant[] = command.remove ? others : [...others, { mailbox: command.mailbox, access }];
  const updated = await invocation.runtime.store.plans.update(plan.id, {
    sharedMailboxes: grants.length > 0 ? grants : undefined,
  });
  const title = command.remove
    ? `New users on ${plan.name} get no access to ${command.mailbox}`
    : `New users on ${plan.name} get ${describeAccess(access)} to ${command.mailbox}`;
  return answer(invocation, updated, title, {
    planId: plan.id,
    mailbox: command.mailbox,
    access,
    remove: command.remove,
  });
}
