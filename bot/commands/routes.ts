/**
 * The grammar of every text command, as data that reads like the help text. The command words come from the
 * catalog (handlers/command-catalog.ts); a route adds the arguments in order, the options that may follow in any
 * order, and how the values become a Command. Routes sharing words are tried in order (the full form first).
 */
import { findCatalogEntry } from '../../handlers/command-catalog';
import type { Command, CommandName } from '../../handlers/request';
import type { DiscrepancyKind, Role } from '../../store/types';
import type { ArgumentValue, ValueKind } from './check-values';

export interface ArgumentSpec {
  key: string;
  kind: ValueKind | 'rest';
  /** How the argument is named in messages: "the user's UPN". */
  label: string;
  optional?: boolean;
}

export interface OptionSpec {
  word: string;
  key: string;
  /** 'flag' takes no value. */
  kind: ValueKind | 'flag';
  label: string;
  required?: boolean;
  repeatable?: boolean;
}

export type Values = Record<string, ArgumentValue | undefined>;

export interface Route {
  name: CommandName;
  words: string[];
  arguments: ArgumentSpec[];
  options: OptionSpec[];
  build(values: Values): Command;
}

const upn: ArgumentSpec = { key: 'upn', kind: 'upn', label: "the user's UPN (name@domain)" };
const customer: ArgumentSpec = { key: 'customerId', kind: 'customer', label: 'the customer id' };
const optionalCustomer: ArgumentSpec = { ...customer, optional: true };
const customerOption: OptionSpec = { word: 'customer', key: 'customerId', kind: 'customer', label: 'the customer id' };

function route(name: CommandName, args: ArgumentSpec[], options: OptionSpec[], build: (v: Values) => Command): Route {
  return { name, words: findCatalogEntry(name).words, arguments: args, options, build };
}

const text = (v: ArgumentValue | undefined) => v as string;
const optionalText = (v: ArgumentValue | undefined) => v as string | undefined;

export const routes: readonly Route[] = [
  route('help', [{ key: 'topic', kind: 'rest', label: 'a command', optional: true }], [], (v) =>
    withDefined({ name: 'help', topic: optionalText(v.topic) }),
  ),
  route(
    'add-user',
    [upn],
    [
      { word: 'plan', key: 'planId', kind: 'plan', label: 'a plan', required: true },
      { word: 'name', key: 'displayName', kind: 'text', label: 'the display name in quotes' },
      { word: 'location', key: 'usageLocation', kind: 'location', label: 'a two-letter country code' },
      { word: 'admin', key: 'admin', kind: 'flag', label: 'admin access' },
      { word: 'alias', key: 'aliases', kind: 'address', label: 'an email address', repeatable: true },
      customerOption,
    ],
    (v) =>
      withDefined({
        name: 'add-user',
        upn: text(v.upn),
        planId: text(v.planId),
        displayName: optionalText(v.displayName),
        usageLocation: optionalText(v.usageLocation),
        admin: v.admin === true,
        aliases: (v.aliases as string[] | undefined) ?? [],
        customerId: optionalText(v.customerId),
      }),
  ),
  route('add-user-form', [], [customerOption], (v) =>
    withDefined({ name: 'add-user-form', customerId: optionalText(v.customerId) }),
  ),
  route('change-plan', [upn, { key: 'planId', kind: 'plan', label: 'the new plan' }], [customerOption], (v) =>
    withDefined({
      name: 'change-plan',
      upn: text(v.upn),
      planId: text(v.planId),
      customerId: optionalText(v.customerId),
    }),
  ),
  route('change-plan-form', [{ ...upn, optional: true }], [customerOption], (v) =>
    withDefined({ name: 'change-plan-form', upn: optionalText(v.upn), customerId: optionalText(v.customerId) }),
  ),
  route('revoke-admin', [upn], [customerOption], (v) =>
    withDefined({ name: 'revoke-admin', upn: text(v.upn), customerId: optionalText(v.customerId) }),
  ),
  route('grant-admin', [upn], [customerOption], (v) =>
    withDefined({ name: 'grant-admin', upn: text(v.upn), customerId: optionalText(v.customerId) }),
  ),
  route(
    'remove-user',
    [upn],
    [{ word: 'delete', key: 'delete', kind: 'flag', label: 'delete the user too' }, customerOption],
    (v) =>
      withDefined({
        name: 'remove-user',
        upn: text(v.upn),
        delete: v.delete === true,
        customerId: optionalText(v.customerId),
      }),
  ),
  route('consent-link', [customer], [customerOption], (v) => ({
    name: 'consent-link',
    customerId: text(v.customerId),
  })),
  route('verify-consent', [customer], [customerOption], (v) => ({
    name: 'verify-consent',
    customerId: text(v.customerId),
  })),
  route('confirm-consent', [customer, { key: 'tenantId', kind: 'tenant', label: 'the tenant id' }], [], (v) => ({
    name: 'confirm-consent',
    customerId: text(v.customerId),
    tenantId: text(v.tenantId),
  })),
  route('sync', [optionalCustomer], [customerOption], (v) =>
    withDefined({ name: 'sync', customerId: optionalText(v.customerId) }),
  ),
  route('users', [optionalCustomer], [customerOption], (v) =>
    withDefined({ name: 'users', customerId: optionalText(v.customerId) }),
  ),
  route('status', [optionalCustomer], [customerOption], (v) =>
    withDefined({ name: 'status', customerId: optionalText(v.customerId) }),
  ),
  route('plans', [optionalCustomer], [customerOption], (v) =>
    withDefined({ name: 'plans', customerId: optionalText(v.customerId) }),
  ),
  route('notify-here', [customer], [customerOption], (v) => ({ name: 'notify-here', customerId: text(v.customerId) })),
  route(
    'customer-add',
    [
      { key: 'id', kind: 'new-id', label: 'the new customer id' },
      { key: 'customerName', kind: 'text', label: 'the customer name in quotes' },
    ],
    [{ word: 'tenant', key: 'tenantId', kind: 'tenant', label: 'the tenant id' }],
    (v) =>
      withDefined({
        name: 'customer-add',
        id: text(v.id),
        customerName: text(v.customerName),
        tenantId: optionalText(v.tenantId),
      }),
  ),
  route(
    'customer-plan',
    [customer],
    [
      { word: 'plan', key: 'planId', kind: 'plan', label: 'a plan', required: true },
      { word: 'limit', key: 'limit', kind: 'number', label: 'a number of users' },
    ],
    (v) =>
      withDefined({
        name: 'customer-plan',
        customerId: text(v.customerId),
        planId: text(v.planId),
        limit: v.limit as number | undefined,
      }),
  ),
  route(
    'plan-add',
    [
      { key: 'id', kind: 'new-id', label: 'the new plan id' },
      { key: 'planName', kind: 'text', label: 'the plan name in quotes' },
    ],
    [{ word: 'skus', key: 'skus', kind: 'skus', label: 'SKUs separated by commas', required: true }],
    (v) => ({ name: 'plan-add', id: text(v.id), planName: text(v.planName), skus: v.skus as string[] }),
  ),
  route(
    'access',
    [
      { key: 'role', kind: 'role', label: 'a role (helpdesk, approver or admin)' },
      { key: 'op', kind: 'access-op', label: 'add or remove' },
      { key: 'identity', kind: 'identity', label: 'an identity (teams:…, slack:… or cli:…)' },
    ],
    [],
    (v) => ({ name: 'access', role: v.role as Role, op: v.op as 'add' | 'remove', identity: text(v.identity) }),
  ),
  route('doctor', [], [], () => ({ name: 'doctor' })),
  route(
    'policy-auto',
    [customer],
    [{ word: 'auto', key: 'kinds', kind: 'kinds', label: 'discrepancy kinds separated by commas', required: true }],
    (v) => ({ name: 'policy-auto', customerId: text(v.customerId), kinds: v.kinds as DiscrepancyKind[] }),
  ),
];

/** Optional fields are absent, not undefined, so Commands compare and serialise cleanly. */
function withDefined<T extends object>(command: T): T {
  return Object.fromEntries(Object.entries(command).filter(([, value]) => value !== undefined)) as T;
}
