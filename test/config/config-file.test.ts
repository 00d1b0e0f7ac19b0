import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../config/config-error';
import { parseConfigFile } from '../../config/config-file';

const plans = `plans:
  - id: business-premium
    name: Microsoft 365 Business Premium
    skus: [SPB]
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

describe('parseConfigFile', () => {
  it('reads the demo config shipped with the project', () => {
    const file = parseConfigFile(readFileSync(path.join(__dirname, '../../m365ops.yaml'), 'utf8'));
    expect(file.plans.map((p) => p.id)).toEqual([
      'business-premium',
      'business-standard',
      'business-basic',
      'exchange-only',
    ]);
    expect(file.customers.find((c) => c.id === 'contoso')?.plans).toContainEqual({
      planId: 'business-premium',
      limit: 60,
    });
    expect(file.customers.find((c) => c.id === 'northwind')?.tenantId).toBeUndefined();
    expect(file.access).toContainEqual({ identity: 'teams:00000000-0000-4000-8000-00000000d3c0', role: 'admin' });
  });

  it('refuses a customer that names an unknown plan', () => {
    expect(
      refusal(
        `${plans}customers:\n  - id: contoso\n    name: Contoso\n    plans:\n      business-premum: { limit: 3 }\n`,
      ),
    ).toBe(
      'm365ops.yaml has a problem: customers[0].plans names plan "business-premum", which is not declared in plans (declared: business-premium).',
    );
  });

  it('refuses a malformed tenant id', () => {
    expect(refusal(`${plans}customers:\n  - id: contoso\n    name: Contoso\n    tenantId: contoso-tenant\n`)).toBe(
      'm365ops.yaml has a problem: customers[0].tenantId is "contoso-tenant", but it must be a tenant id GUID such as 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60.',
    );
  });

  it('refuses a bad cron schedule', () => {
    expect(
      refusal(`${plans}customers:\n  - id: contoso\n    name: Contoso\n    syncPolicy: { schedule: "61 * * * *" }\n`),
    ).toBe(
      'm365ops.yaml has a problem: customers[0].syncPolicy.schedule is "61 * * * *", but it must be a cron expression such as "*/15 * * * *".',
    );
  });

  it('refuses an unknown discrepancy kind in autoApprove', () => {
    expect(
      refusal(`${plans}customers:\n  - id: contoso\n    name: Contoso\n    syncPolicy: { autoApprove: [user-gone] }\n`),
    ).toContain(
      'customers[0].syncPolicy.autoApprove[0] is "user-gone", but it must be one of user-deleted, licenses-removed',
    );
  });

  it('refuses unknown keys, naming them', () => {
    expect(refusal(`${plans}custmers: []\n`)).toBe('m365ops.yaml has a problem: unknown key "custmers".');
  });

  it('reads a bare slack:<user_id> as a user of SLACK_TEAM_ID, and Slack ids in upper case', () => {
    const file = parseConfigFile('access:\n  helpdesk: [slack:U024BE7LH, slack:t0002:u0000002]\n', 'm365ops.yaml', {
      slackTeamId: 'T0001',
    });
    expect(file.access).toEqual([
      { identity: 'slack:T0001:U024BE7LH', role: 'helpdesk' },
      { identity: 'slack:T0002:U0000002', role: 'helpdesk' },
    ]);
  });

  it('refuses an identity that is not teams:, slack: or cli:', () => {
    expect(refusal('access:\n  admins: [bob@contoso.com]\n')).toBe(
      'm365ops.yaml has a problem: access.admins[0] is "bob@contoso.com", but it must be one of teams:<aadObjectId>, slack:<team_id>:<user_id> or cli:<user>, such as slack:T0123ABCD:U024BE7LH.',
    );
  });

  it('refuses YAML that does not parse', () => {
    expect(refusal('plans: [\n')).toMatch(/^m365ops.yaml is not valid YAML: /);
  });

  it('refuses a tenant given to two customers', () => {
    const tenant = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
    expect(
      refusal(`customers:\n  - { id: a, name: A, tenantId: ${tenant} }\n  - { id: b, name: B, tenantId: ${tenant} }\n`),
    ).toBe(`m365ops.yaml has a problem: tenant ${tenant} is given to more than one customer.`);
  });
});
