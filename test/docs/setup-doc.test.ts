/**
 * docs/setup.md names every setting as the code reads it, and every Microsoft call m365ops makes has its place in the
 * permissions section: a new setting, Graph resource or Exchange cmdlet in the code fails here until the MSP's guide
 * says what it needs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfigFile } from '../../config/config-file';

const repoRoot = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const guide = read('docs/setup.md');
const named = (name: string) => guide.includes(`\`${name}\``) || guide.includes(`\`${name}=`);

it('names every environment variable the configuration reads', () => {
  const source = read('config/env.ts');
  const keys = new Set([
    ...[...source.matchAll(/read\(\s*env,\s*'([A-Za-z0-9_]+)'/g)].map((match) => match[1]!),
    ...[...source.matchAll(/requireTogether\(\s*env,\s*\[([^\]]+)\]/g)].flatMap((match) =>
      [...match[1]!.matchAll(/'([A-Za-z0-9_]+)'/g)].map((key) => key[1]!),
    ),
  ]);
  expect(keys.size).toBeGreaterThan(15);
  expect([...keys].filter((key) => !named(key))).toEqual([]);
});

it('names the Bot Framework credentials botbuilder reads, by secret or by certificate', () => {
  const adapter = read('bot/teams/teams-adapter.ts');
  const credentials = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'];
  for (const key of [...credentials, 'CertificateThumbprint', 'CertificatePrivateKey']) {
    expect(adapter).toContain(`'${key}'`); // still handed to botbuilder
    expect({ key, named: named(key) }).toEqual({ key, named: true });
  }
});

it('names what npm run package:teams reads', () => {
  const settings = read('manifest/package-settings.ts');
  for (const key of ['BOT_ID', 'TEAMS_APP_ID', 'BOT_DOMAIN']) {
    expect(settings).toContain(`'${key}'`);
    expect({ key, named: named(key) }).toEqual({ key, named: true });
  }
});

it('gives every Graph resource m365/ calls its place in the permissions section', () => {
  const sources = readdirSync(path.join(repoRoot, 'm365'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => read(`m365/${file}`))
    .join('\n');
  const resources = new Set(
    [...sources.matchAll(/['`]\/([a-zA-Z]+)(?=[/?'`$])/g)]
      .map((match) => match[1]!)
      .filter((name) => name !== 'adminapi'),
  );
  expect([...resources]).toEqual(expect.arrayContaining(['users', 'organization', 'domains', 'subscribedSkus']));
  const permissions = guide.slice(guide.indexOf('### The application permissions'), guide.indexOf('### Exchange'));
  expect([...resources].filter((name) => !permissions.includes(`/${name}`))).toEqual([]);
});

it('gives every Exchange cmdlet m365/ runs its place in the permissions section', () => {
  const cmdlets = new Set(
    [...read('m365/exchange-client.ts').matchAll(/'((?:Get|Set|Add|Remove|New|Enable|Disable)-[A-Z][A-Za-z]+)'/g)].map(
      (m) => m[1]!,
    ),
  );
  expect([...cmdlets]).toEqual(expect.arrayContaining(['Get-Mailbox', 'Set-Mailbox']));
  expect([...cmdlets].filter((cmdlet) => !guide.includes(cmdlet))).toEqual([]);
});

it('shows a config file example m365ops accepts', () => {
  const example = /```yaml\n([\s\S]*?)```/.exec(guide)![1]!;
  const file = parseConfigFile(example, 'the example in docs/setup.md');
  expect(file.customers.map((customer) => customer.id)).toEqual(['northwind']);
  expect(file.access.map((grant) => grant.role).sort()).toEqual(['admin', 'helpdesk']);
});
