/** Approval requests (design §9): deciding, cancelling and listing them, and the policy that says what needs one. */
import type { RequestableEffect } from '../approvals/requestable';
import type { CommandSpec } from './command-spec';
import { customerArgument, optionalCustomer, optionalText, text, withDefined } from './grammar';

const requestIdArgument = { key: 'requestId', kind: 'request-id', label: 'the request id (such as K7M2QX)' } as const;

export const approveRequest: CommandSpec<'approve-request'> = {
  name: 'approve-request',
  words: ['approve', 'request'],
  usage: 'approve request <id>',
  description: 'Approves a request: it runs at once as you (never your own request; the first decision wins).',
  example: 'approve request K7M2QX',
  listed: true,
  action: 'Deciding requests',
  effects: ['request-decision'],
  button: true,
  text: {
    arguments: [requestIdArgument],
    options: [],
    build: (v) => ({ name: 'approve-request', requestId: text(v.requestId) }),
  },
};

export const denyRequest: CommandSpec<'deny-request'> = {
  name: 'deny-request',
  words: ['deny', 'request'],
  usage: 'deny request <id> [comment "<text>"]',
  description: 'Denies a request, with an optional comment the requester reads; nothing is changed.',
  example: 'deny request K7M2QX comment "Use the helpdesk account"',
  listed: true,
  action: 'Deciding requests',
  effects: ['request-decision'],
  button: true,
  text: {
    arguments: [requestIdArgument],
    options: [{ word: 'comment', key: 'comment', kind: 'reason', label: 'the comment in quotes' }],
    build: (v) => withDefined({ name: 'deny-request', requestId: text(v.requestId), comment: optionalText(v.comment) }),
  },
};

export const cancelRequest: CommandSpec<'cancel-request'> = {
  name: 'cancel-request',
  words: ['cancel', 'request'],
  usage: 'cancel request <id>',
  description: 'Withdraws a request you made while it is still open.',
  example: 'cancel request K7M2QX',
  listed: true,
  action: 'Cancelling requests',
  effects: ['request-cancel'],
  button: true,
  text: {
    arguments: [requestIdArgument],
    options: [],
    build: (v) => ({ name: 'cancel-request', requestId: text(v.requestId) }),
  },
};

export const requests: CommandSpec<'requests'> = {
  name: 'requests',
  words: ['requests'],
  usage: 'requests [<customer>]',
  description: 'Lists the open approval requests, with their Approve / Deny buttons.',
  example: 'requests contoso',
  listed: true,
  action: 'Reading customers, users and plans',
  effects: ['read'],
  button: true,
  text: {
    arguments: [optionalCustomer],
    options: [],
    build: (v) => withDefined({ name: 'requests', customerId: optionalText(v.customerId) }),
  },
};

export const policyApproval: CommandSpec<'policy-approval'> = {
  name: 'policy-approval',
  words: ['policy'],
  usage: 'policy <customer> approval <effect>[,<effect>]',
  description:
    'What helpdesk must ask an approver for: admin-grant (always), user-delete, licence-removal (`none` for only admin-grant).',
  example: 'policy contoso approval user-delete,licence-removal',
  listed: true,
  action: "Changing a customer's approval policy",
  effects: ['config-change'],
  text: {
    arguments: [customerArgument],
    options: [
      {
        word: 'approval',
        key: 'effects',
        kind: 'approval-effects',
        label: 'effects separated by commas',
        required: true,
      },
    ],
    build: (v) => ({
      name: 'policy-approval',
      customerId: text(v.customerId),
      effects: v.effects as RequestableEffect[],
    }),
  },
};

export const audit: CommandSpec<'audit'> = {
  name: 'audit',
  words: ['audit'],
  usage: 'audit <customer> [since <date>]',
  description: "The customer's audit log, newest first: requests, decisions, grants and every change.",
  example: 'audit contoso since 2026-03-01',
  listed: true,
  action: 'Reading the audit log',
  effects: ['audit-read'],
  text: {
    arguments: [customerArgument],
    options: [{ word: 'since', key: 'since', kind: 'date', label: 'a date such as 2026-03-01' }],
    build: (v) => withDefined({ name: 'audit', customerId: text(v.customerId), since: optionalText(v.since) }),
  },
};
