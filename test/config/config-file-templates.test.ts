import { ConfigError } from '../../config/config-error';
import { parseConfigFile } from '../../config/config-file';

const template = `plans:
  - id: business-premium
    name: Microsoft 365 Business Premium
    skus: [SPB]
    disabledPlans: { SPB: [YAMMER_ENTERPRISE] }
    groups: ["Sales", "All Staff"]
    usernameFormat: first.last
    domain: Contoso.com
    usageLocation: gb
    sharedMailboxes: [{ mailbox: Sales.Team@contoso.com, access: [FullAccess, SendAs] }]
customers:
  - id: contoso
    name: Contoso
    plans:
      business-premium: { limit: 25, domain: contoso.co.uk }
`;

function refusal(text: string): string {
  try {
    parseConfigFile(text, 'm365ops.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

const plan = (fields: string) => `plans:\n  - id: bp\n    name: BP\n    skus: [SPB]\n${fields}`;

describe('the YAML of plan templates', () => {
  it("reads every template field of a plan and a customer's domain for it", () => {
    const file = parseConfigFile(template, 'm365ops.yaml');
    expect(file.plans).toEqual([
      {
        id: 'business-premium',
        name: 'Microsoft 365 Business Premium',
        skus: ['SPB'],
        disabledPlans: { SPB: ['YAMMER_ENTERPRISE'] },
        groups: ['Sales', 'All Staff'],
        usernameFormat: 'first.last',
        domain: 'contoso.com',
        usageLocation: 'GB',
        sharedMailboxes: [{ mailbox: 'sales.team@contoso.com', access: ['FullAccess', 'SendAs'] }],
      },
    ]);
    expect(file.customers[0]?.plans).toEqual([{ planId: 'business-premium', limit: 25, domain: 'contoso.co.uk' }]);
  });

  it('leaves the template fields absent when a plan does not set them', () => {
    const file = parseConfigFile(plan(''), 'm365ops.yaml');
    expect(Object.keys(file.plans[0]!)).toEqual(['id', 'name', 'skus', 'disabledPlans']);
  });

  it('refuses an unknown username format, naming the formats', () => {
    expect(refusal(plan('    usernameFormat: firstname.lastname\n'))).toBe(
      'm365ops.yaml has a problem: plans[0].usernameFormat is "firstname.lastname", but it must be one of first.last, f.last, firstl, first.',
    );
  });

  it('refuses a domain that is not a domain name', () => {
    expect(refusal(plan('    domain: contoso\n'))).toBe(
      'm365ops.yaml has a problem: plans[0].domain is "contoso", but it must be a domain name such as contoso.com.',
    );
    expect(refusal(`${plan('')}customers:\n  - id: c\n    name: C\n    plans: { bp: { domain: "@c.com" } }\n`)).toBe(
      'm365ops.yaml has a problem: customers[0].plans.bp.domain is "@c.com", but it must be a domain name such as contoso.com.',
    );
  });

  it('refuses a usage location that is not a country code', () => {
    expect(refusal(plan('    usageLocation: UK\n'))).toBe(
      'm365ops.yaml has a problem: plans[0].usageLocation is "UK", but it must be a two-letter country code (ISO 3166) such as GB, US or DE.',
    );
  });

  it('refuses a shared mailbox grant with a bad address or access', () => {
    expect(refusal(plan('    sharedMailboxes: [{ mailbox: sales, access: [FullAccess] }]\n'))).toBe(
      'm365ops.yaml has a problem: plans[0].sharedMailboxes[0].mailbox is "sales", but it must be a mailbox address such as sales.team@contoso.com.',
    );
    expect(refusal(plan('    sharedMailboxes: [{ mailbox: s@c.com, access: [ReadOnly] }]\n'))).toBe(
      'm365ops.yaml has a problem: plans[0].sharedMailboxes[0].access[0] is "ReadOnly", but it must be FullAccess or SendAs.',
    );
    expect(refusal(plan('    sharedMailboxes: [{ mailbox: s@c.com, access: [] }]\n'))).toBe(
      'm365ops.yaml has a problem: plans[0].sharedMailboxes[0].access is [], but it must be at least one of FullAccess, SendAs.',
    );
    expect(refusal(plan('    sharedMailboxes: [{ mailbox: s@c.com, access: [SendAs], rights: x }]\n'))).toBe(
      'm365ops.yaml has a problem: unknown key "rights" in plans[0].sharedMailboxes[0].',
    );
  });

  it('refuses an empty group name', () => {
    expect(refusal(plan('    groups: ["Sales", " "]\n'))).toBe(
      'm365ops.yaml has a problem: plans[0].groups[1] is " ", but it must be a group display name or object id.',
    );
  });

  it('refuses service plans to disable in a SKU the plan does not have', () => {
    expect(refusal(plan('    disabledPlans: { ENTERPRISEPACK: [YAMMER_ENTERPRISE] }\n'))).toBe(
      'm365ops.yaml has a problem: plan "bp" disables service plans in ENTERPRISEPACK, which is not one of its skus (SPB).',
    );
  });
});
