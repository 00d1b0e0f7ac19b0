/**
 * How an approval request reads on its card and in lists: who asks, for whom, which role, for how long, why, the
 * ticket, and, once closed, who decided, when, with what comment and what came of it.
 */
import { formatWhen } from '../../common/format-when';
import type { ApprovalRequest } from '../../store/request-types';
import type { Customer } from '../../store/types';
import { roleName } from '../admin-role';
import { formatDuration } from '../duration';
import { describeChoice } from '../offboarding/options';
import type { Command } from '../request';

export interface ApprovalRequestView {
  id: string;
  customerId: string;
  customerName: string;
  /** "Make jane@contoso.com Global Administrator for 2h". */
  asks: string;
  facts: { label: string; value: string }[];
  state: ApprovalRequest['state'];
  /** "Approved by Avery Approver at 2026-03-02 09:05 UTC: Gave jane@contoso.com admin access". */
  outcome?: string;
}

export interface ApprovalRequestReply {
  kind: 'approval-request';
  request: ApprovalRequestView;
  /** A sentence for the clicker shown above the card ("Already approved by …"). */
  note?: string;
}

export interface ApprovalRequestListReply {
  kind: 'approval-requests';
  /** "Open requests of Contoso Ltd" */
  title: string;
  requests: ApprovalRequestView[];
}

/** What the request asks for, in one line. */
export function describeAsk(command: Command, customer: Customer): string {
  switch (command.name) {
    case 'grant-admin': {
      const time = command.durationMinutes ? ` for ${formatDuration(command.durationMinutes)}` : '';
      return `Make ${command.upn} ${roleName(customer.adminRole)}${time}`;
    }
    case 'remove-user':
      return command.delete
        ? `Remove ${command.upn} and delete the user (restorable for 30 days)`
        : `Remove ${command.upn}'s licences and block sign-in`;
    case 'offboard':
      return `Offboard ${command.upn}: ${describeChoice(command)}${command.at ? ` at ${command.at}` : ''}`;
    case 'add-user':
      return `Add ${command.upn} on plan ${command.planId}${command.admin ? ` as ${roleName(customer.adminRole)}` : ''}`;
    case 'bulk-run':
      return `Run bulk batch ${command.batchId}${command.asks ? `: ${command.asks}` : ''}`;
    default:
      return `Run ${command.name}${upnOf(command) ? ` for ${upnOf(command)}` : ''}`;
  }
}

export function requestView(request: ApprovalRequest, customer: Customer): ApprovalRequestView {
  const command = request.command as unknown as Command;
  const facts = [
    { label: 'Asked by', value: request.requesterName ?? request.requester },
    ...(upnOf(command) ? [{ label: 'For', value: upnOf(command) as string }] : []),
    ...(command.name === 'grant-admin' ? [{ label: 'Role', value: roleName(customer.adminRole) }] : []),
    ...(command.name === 'grant-admin' && command.durationMinutes
      ? [{ label: 'How long', value: formatDuration(command.durationMinutes) }]
      : []),
    { label: 'Why', value: request.reason ?? '(no reason given)' },
    ...(request.ticket ? [{ label: 'Ticket', value: request.ticket }] : []),
    { label: 'Customer', value: customer.name },
    { label: 'Asked at', value: formatWhen(request.createdAt) },
    ...(request.state === 'open' ? [{ label: 'Open until', value: formatWhen(request.expiresAt) }] : []),
  ];
  return {
    id: request.id,
    customerId: customer.id,
    customerName: customer.name,
    asks: describeAsk(command, customer),
    facts,
    state: request.state,
    ...(request.state === 'open' ? {} : { outcome: describeOutcome(request) }),
  };
}

/** "Approved by Avery at …: comment", "Expired at … without a decision", "Cancelled by Hana at …". */
export function describeOutcome(request: ApprovalRequest): string {
  const who = request.decidedByName ?? request.decidedBy ?? 'someone';
  const when = request.decidedAt ? ` at ${formatWhen(request.decidedAt)}` : '';
  const comment = request.comment ? `: "${request.comment}"` : '';
  switch (request.state) {
    case 'approved': {
      const result = request.result === 'failed' ? ` It failed: ${request.error ?? 'unknown error'}` : '';
      return `Approved by ${who}${when}${comment}.${result}`;
    }
    case 'denied':
      return `Denied by ${who}${when}${comment}. Nothing was changed.`;
    case 'cancelled':
      return `Cancelled by ${who}${when}. Nothing was changed.`;
    case 'expired':
      return `Expired${when} without a decision. Nothing was changed.`;
    default:
      return 'Waiting for an approver.';
  }
}

function upnOf(command: Command): string | undefined {
  return 'upn' in command && typeof command.upn === 'string' ? command.upn : undefined;
}
