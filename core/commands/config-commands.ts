/** The commands that change m365ops' own configuration: customers, plans, access, policy, the channel. */
import { identityForms, slackIdentityExample } from '../../common/identity';
import type { DiscrepancyKind, Role } from '../../store/types';
import type { CommandSpec } from './command-spec';
import { customerArgument, customerOption, optionalText, text, withDefined } from './grammar';

export const notifyHere: CommandSpec<'notify-here'> = {
  name: 'notify-here',
  words: ['notify', 'here'],
  usage: 'notify here <customer>',
  description: "Makes this channel receive the customer's discrepancy notifications.",
  example: 'notify here contoso',
  listed: true,
  action: 'Choosing the notification channel',
  effects: ['channel-binding'],
  text: {
    arguments: [customerArgument],
    options: [customerOption],
    build: (v) => ({ name: 'notify-here', customerId: text(v.customerId) }),
  },
};

export const customerAdd: CommandSpec<'customer-add'> = {
  name: 'customer-add',
  words: ['customer', 'add'],
  usage: 'customer add <id> "<name>" [tenant <tenantId>]',
  description: 'Adds a customer.',
  example: 'customer add tailspin "Tailspin Toys" tenant 2b7f0c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
  listed: true,
  action: 'Adding customers',
  effects: ['config-change'],
  text: {
    arguments: [
      { key: 'id', kind: 'new-id', label: 'the new customer id' },
      { key: 'customerName', kind: 'text', label: 'the customer name in quotes' },
    ],
    options: [{ word: 'tenant', key: 'tenantId', kind: 'tenant', label: 'the tenant id' }],
    build: (v) =>
      withDefined({
        name: 'customer-add',
        id: text(v.id),
        customerName: text(v.customerName),
        tenantId: optionalText(v.tenantId),
      }),
  },
};

export const customerPlan: CommandSpec<'customer-plan'> = {
  name: 'customer-plan',
  words: ['customer'],
  usage: 'customer <id> plan <plan> [limit <n>]',
  description: 'Enables a plan for the customer, with an optional limit of users.',
  example: 'customer contoso plan business-basic limit 10',
  listed: true,
  action: "Changing a customer's plans",
  effects: ['config-change'],
  text: {
    arguments: [customerArgument],
    options: [
      { word: 'plan', key: 'planId', kind: 'plan', label: 'a plan', required: true },
      { word: 'limit', key: 'limit', kind: 'number', label: 'a number of users' },
    ],
    build: (v) =>
      withDefined({
        name: 'customer-plan',
        customerId: text(v.customerId),
        planId: text(v.planId),
        limit: v.limit as number | undefined,
      }),
  },
};

export const planAdd: CommandSpec<'plan-add'> = {
  name: 'plan-add',
  words: ['plan', 'add'],
  usage: 'plan add <id> "<name>" skus <SKU>[,<SKU>]',
  description: 'Adds a plan: a set of licence SKUs (skuPartNumber).',
  example: 'plan add e3 "Microsoft 365 E3" skus SPE_E3',
  listed: true,
  action: 'Adding plans',
  effects: ['config-change'],
  text: {
    arguments: [
      { key: 'id', kind: 'new-id', label: 'the new plan id' },
      { key: 'planName', kind: 'text', label: 'the plan name in quotes' },
    ],
    options: [{ word: 'skus', key: 'skus', kind: 'skus', label: 'SKUs separated by commas', required: true }],
    build: (v) => ({ name: 'plan-add', id: text(v.id), planName: text(v.planName), skus: v.skus as string[] }),
  },
};

export const access: CommandSpec<'access'> = {
  name: 'access',
  words: ['access'],
  usage: 'access <helpdesk|approver|admin> add|remove <identity>',
  description: `Gives or takes a role: identities are ${identityForms}.`,
  example: `access approver add ${slackIdentityExample}`,
  listed: true,
  action: 'Changing access',
  effects: ['access-change'],
  text: {
    arguments: [
      { key: 'role', kind: 'role', label: 'a role (helpdesk, approver or admin)' },
      { key: 'op', kind: 'access-op', label: 'add or remove' },
      { key: 'identity', kind: 'identity', label: 'an identity (teams:…, slack:… or cli:…)' },
    ],
    options: [],
    build: (v) => ({ name: 'access', role: v.role as Role, op: v.op as 'add' | 'remove', identity: text(v.identity) }),
  },
};

export const policyAuto: CommandSpec<'policy-auto'> = {
  name: 'policy-auto',
  words: ['policy'],
  usage: 'policy <customer> auto <kind>[,<kind>]',
  description: 'Discrepancy kinds the sync applies without asking (`none` to always ask).',
  example: 'policy contoso auto upn-changed,admin-revoked',
  listed: true,
  action: "Changing a customer's sync policy",
  effects: ['config-change'],
  text: {
    arguments: [customerArgument],
    options: [
      { word: 'auto', key: 'kinds', kind: 'kinds', label: 'discrepancy kinds separated by commas', required: true },
    ],
    build: (v) => ({ name: 'policy-auto', customerId: text(v.customerId), kinds: v.kinds as DiscrepancyKind[] }),
  },
};
