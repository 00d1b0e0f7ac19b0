/** The licence views for billing: `licences <customer|all>` and `report licences [<customer>|all] [month <yyyy-mm>]`. */
import type { CommandSpec } from './command-spec';
import { customerArgument, optionalText, text, withDefined } from './grammar';

export const licences: CommandSpec<'licences'> = {
  name: 'licences',
  words: ['licences'],
  usage: 'licences <customer|all>',
  description:
    'Per licence of the customer tenant: bought, assigned, free, and who holds it by plan; `all`: a line per customer, those short of seats flagged.',
  example: 'licences contoso',
  listed: true,
  action: 'Reading customers, users and plans',
  effects: ['read'],
  button: true,
  text: {
    arguments: [{ key: 'customerId', kind: 'customer-or-all', label: 'the customer id, or all' }],
    options: [],
    build: (v) => ({ name: 'licences', customerId: text(v.customerId) }),
  },
};

export const policyLicenceDigest: CommandSpec<'policy-licence-digest'> = {
  name: 'policy-licence-digest',
  words: ['policy'],
  usage: 'policy <customer> licence-digest weekly|off',
  description:
    "Posts the customer's licences (bought, assigned, free, and the seats assigned and removed that week) to its bound channel every Monday, or stops.",
  example: 'policy contoso licence-digest weekly',
  listed: true,
  action: "Changing a customer's licence digest",
  effects: ['config-change'],
  text: {
    arguments: [customerArgument],
    options: [{ word: 'licence-digest', key: 'schedule', kind: 'schedule', label: 'weekly or off', required: true }],
    build: (v) => ({
      name: 'policy-licence-digest',
      customerId: text(v.customerId),
      schedule: v.schedule === 'weekly' ? 'weekly' : 'off',
    }),
  },
};

export const reportLicences: CommandSpec<'report-licences'> = {
  name: 'report-licences',
  words: ['report', 'licences'],
  usage: 'report licences [<customer>|all] [month <yyyy-mm>]',
  description:
    "A CSV for billing from m365ops's records: each seat held in the month (customer, user, plan, SKUs, assigned since, removed on), sent as a file; this month unless `month` says another.",
  example: 'report licences contoso month 2026-11',
  listed: true,
  action: 'Reading customers, users and plans',
  effects: ['read'],
  button: true,
  text: {
    arguments: [{ key: 'customerId', kind: 'customer-or-all', label: 'the customer id, or all', optional: true }],
    options: [{ word: 'month', key: 'month', kind: 'month', label: 'a month such as 2026-11' }],
    build: (v) =>
      withDefined({ name: 'report-licences', customerId: optionalText(v.customerId), month: optionalText(v.month) }),
  },
};
