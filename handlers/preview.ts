/**
 * `preview <command>` (the CLI's `--dry-run`): what the command would do, done nowhere. The previewed command is
 * authorised as the command would be (the same refusal, word for word), and one helpdesk would have to ask for
 * (admin, or what the customer's approval policy holds) previews as the request it would become, asked of nobody.
 * Its planner, next to its use case, runs the command's own checks against the tenant's reads and writes down the
 * writes it would send; a refusal on the way is shown as the preview's answer. No operation, intent, request, audit
 * or tenant write is made.
 */

import { previewGrantAdmin, previewRevokeAdmin } from '../core/admin-access-preview';
import { requestDestination } from '../core/approvals/request-channel';
import { effectsNeedingApproval, mayNeedRequest } from '../core/approvals/requestable';
import { authorize, roleOf } from '../core/authorize';
import { effectsOf, requiredRole } from '../core/command-catalog';
import { type CommandOf, commandSpecs } from '../core/commands';
import { previewableUsages } from '../core/commands/preview-commands';
import { fail } from '../core/errors';
import { HandlerError } from '../core/handler-error';
import { previewOffboard } from '../core/offboarding/offboard-preview';
import { checked, type PreviewPlan, startPlan } from '../core/preview/preview-plan';
import type { PreviewReply } from '../core/preview/preview-view';
import type { Command } from '../core/request';
import { resolveCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { lowerFirst } from '../core/words';
import type { Role } from '../store/types';
import { previewAddUser, previewAddUserLike, previewAddUserNamed, previewAddUserNamedLike } from './add-user-preview';
import { previewChangePlan } from './change-plan-preview';
import { previewRemoveUser } from './remove-user-preview';
import { previewResetPassword } from './reset-password-preview';

type Planner = (invocation: Invocation, command: never, plan: PreviewPlan) => Promise<void>;

/** The commands a preview describes, each by the planner next to its use case. */
const planners: Partial<Record<Command['name'], Planner>> = {
  'add-user': previewAddUser,
  'add-user-named': previewAddUserNamed,
  'add-user-like': previewAddUserLike,
  'add-user-named-like': previewAddUserNamedLike,
  'change-plan': previewChangePlan,
  'remove-user': previewRemoveUser,
  'grant-admin': previewGrantAdmin,
  'revoke-admin': previewRevokeAdmin,
  offboard: previewOffboard,
  'reset-password': previewResetPassword,
};

export async function previewCommand(invocation: Invocation, { command }: CommandOf<'preview'>): Promise<PreviewReply> {
  const planner = planners[command.name];
  if (!planner) {
    throw fail(
      'not-previewable',
      `\`preview\` describes the commands that change a user: ${previewableUsages.map((usage) => `\`${usage}\``).join(', ')}.`,
      { suggestions: ['preview add user jane@contoso.com plan business-basic'] },
    );
  }
  const inner: Invocation = { ...invocation, request: { ...invocation.request, command } };
  const held = await roleOf(invocation.runtime, invocation.request.context);
  const may = mayNeedRequest(held, effectsOf(command));
  // Refused as the command would be refused, before anything is read from a tenant.
  if (may === 'no') await authorize(invocation.runtime, invocation.request.context, command);
  const plan = startPlan(may === 'yes');
  try {
    if (may === 'policy') plan.asking = await policyAsks(inner, command);
    checked(plan, 'Role', describeRole(held, requiredRole(command), plan.asking, may === 'policy'));
    await planner(inner, command as never, plan);
    if (plan.asking && plan.outcome !== 'nothing') await askable(inner, plan);
  } catch (error) {
    if (!(error instanceof HandlerError)) throw error;
    return answer(command, plan, { outcome: 'refused', summary: `Would be refused: ${error.message}` });
  } finally {
    invocation.customer = inner.customer;
  }
  if (plan.outcome === 'nothing') return answer(command, plan, { outcome: 'nothing', summary: plan.summary ?? '' });
  if (plan.asking) {
    const summary = `Would become a request for an approver; once approved, it ${lowerFirst(plan.summary ?? '')}`;
    return answer(command, plan, { outcome: 'ask', summary });
  }
  return answer(command, plan, { outcome: 'run', summary: plan.summary ?? '' });
}

/** The role check as the preview shows it: what the command needs, and what the requester's role makes of it. */
function describeRole(held: Role | undefined, needed: Role, asking: boolean, byPolicy: boolean): string {
  const you = `you have the ${held ?? 'no'} role`;
  if (!asking) return `for the ${needed} role and above; ${you}`;
  if (byPolicy) return `the customer's approval policy holds it for an approver; ${you}, so it would become a request`;
  return `an approver must agree; ${you}, so it would become a request`;
}

/** Whether the customer's approval policy puts the command's effects behind an approver (helpdesk only). */
async function policyAsks(invocation: Invocation, command: Command): Promise<boolean> {
  const upn = 'upn' in command && typeof command.upn === 'string' ? command.upn : undefined;
  const customerId = 'customerId' in command ? command.customerId : undefined;
  const customer = await resolveCustomer(invocation, { upn, customerId });
  return effectsNeedingApproval(customer, effectsOf(command)).length > 0;
}

/** A request needs a channel where approvers see it: refused now when there is none, as the request would be. */
async function askable(invocation: Invocation, plan: PreviewPlan): Promise<void> {
  const customer = invocation.customer;
  if (!customer) return;
  await requestDestination(invocation.runtime, customer, invocation.request.context);
  plan.notes.unshift(`A request would be posted for ${customer.name}'s approvers; a preview asks nothing.`);
}

function answer(command: Command, plan: PreviewPlan, outcome: Pick<PreviewReply, 'outcome' | 'summary'>): PreviewReply {
  const writes = outcome.outcome === 'refused' || outcome.outcome === 'nothing' ? [] : plan.writes;
  return {
    kind: 'preview',
    command: describeCommand(command),
    ...outcome,
    checks: plan.checks,
    writes,
    notes: [
      ...(outcome.outcome === 'refused' ? [] : plan.notes),
      ...(outcome.outcome === 'run' && commandSpecs[command.name].confirms
        ? ['In chat it asks you to confirm first.']
        : []),
      'Nothing was changed: this is a preview.',
    ],
    ...(plan.customer ? { customerId: plan.customer.id, customerName: plan.customer.name } : {}),
  };
}

/** "add user jane@contoso.com": the command's words and whom it is about. */
function describeCommand(command: Command): string {
  const words: Partial<Record<Command['name'], string>> = {
    'add-user': 'add user',
    'add-user-named': 'add user',
    'add-user-like': 'add user',
    'add-user-named-like': 'add user',
    'change-plan': 'change plan',
    'remove-user': 'remove user',
    'grant-admin': 'grant admin',
    'revoke-admin': 'revoke admin',
    offboard: 'offboard',
    'reset-password': 'reset password',
  };
  const about = 'upn' in command ? command.upn : 'displayName' in command ? `"${command.displayName}"` : '';
  return `${words[command.name] ?? command.name} ${about}`.trim();
}
