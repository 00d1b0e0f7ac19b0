/** Approval requests in chat (design §9): decide, cancel, list; the policy saying what needs one; the audit log. */
import { approveRequest, cancelRequest, denyRequest } from '../core/approvals/decide-request';
import { requestView } from '../core/approvals/request-view';
import { approvalEffectsOf } from '../core/approvals/requestable';
import { recordAudit } from '../core/audit';
import type { CommandOf } from '../core/commands';
import type { ApprovalRequestListReply, Reply, ResultReply } from '../core/reply';
import { getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import type { Customer } from '../store/types';

export function approveRequestCommand(invocation: Invocation, command: CommandOf<'approve-request'>): Promise<Reply> {
  return approveRequest(invocation, command.requestId);
}

export function denyRequestCommand(invocation: Invocation, command: CommandOf<'deny-request'>): Promise<Reply> {
  return denyRequest(invocation, command.requestId, command.comment);
}

export function cancelRequestCommand(invocation: Invocation, command: CommandOf<'cancel-request'>): Promise<Reply> {
  return cancelRequest(invocation, command.requestId);
}

export async function listRequests(
  invocation: Invocation,
  command: CommandOf<'requests'>,
): Promise<ApprovalRequestListReply> {
  const { store } = invocation.runtime;
  const only = command.customerId ? await getCustomer(invocation, command.customerId) : undefined;
  const open = await store.requests.listOpen(only?.id);
  const customers = new Map<string, Customer>((await store.customers.list()).map((c) => [c.id, c]));
  return {
    kind: 'approval-requests',
    title: only ? `Open requests of ${only.name}` : 'Open requests',
    requests: open.flatMap((request) => {
      const customer = customers.get(request.customerId);
      return customer ? [requestView(request, customer)] : [];
    }),
  };
}

export async function setApprovalPolicy(
  invocation: Invocation,
  command: CommandOf<'policy-approval'>,
): Promise<ResultReply> {
  const customer = await getCustomer(invocation, command.customerId);
  const effects = command.effects.filter((effect) => effect !== 'admin-grant');
  const updated = await invocation.runtime.store.customers.update(customer.id, {
    approvalEffects: effects.length > 0 ? effects : undefined,
  });
  const audit = await recordAudit(invocation, {
    action: 'policy-approval',
    result: 'ok',
    details: { effects: approvalEffectsOf(updated) },
  });
  return {
    kind: 'result',
    title: `Helpdesk asks an approver before: ${approvalEffectsOf(updated).join(', ')}`,
    facts: [{ label: 'Needs approval', value: approvalEffectsOf(updated).join(', ') }],
    notes: ['admin-grant always needs an approver; approvers and admins act at once.'],
    customerId: customer.id,
    customerName: customer.name,
    auditId: audit.id,
  };
}
