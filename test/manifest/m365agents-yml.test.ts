/**
 * m365agents.yml, the Microsoft 365 Agents Toolkit's project file: valid under the toolkit's own schema (v1.11, from
 * @microsoft/m365agentstoolkit-cli 1.1.17, kept in test/fixtures), every value it uses defined somewhere, a
 * single-tenant bot at /api/messages, and the settings it writes for m365ops ones m365ops reads as Teams on.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { parseEnv } from '../../config/env';
import { listPlaceholders } from '../../manifest/package-teams';

const repoRoot = path.join(__dirname, '..', '..');
const text = readFileSync(path.join(repoRoot, 'm365agents.yml'), 'utf8');
const project = parseYaml(text) as Record<string, Action[] | string>;
const schema = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'm365agents-yaml-v1.11.schema.json'), 'utf8'),
);

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

/** A toolkit placeholder, `${{NAME}}`. */
const placeholder = (name: string) => `\${{${name}}}`;

const actions = (['provision', 'deploy', 'publish'] as const).flatMap((stage) => project[stage] as Action[]);
const actionOf = (uses: string) => actions.find((action) => action.uses === uses)!;

/** KEY=value lines of a dotenv file, comments and blanks skipped. */
function readDotenv(file: string): Map<string, string> {
  const pairs = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as [string, string]);
  return new Map(pairs);
}

it('is valid under the Agents Toolkit’s schema for its version', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  const valid = validate(project);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  expect(project.version).toBe('v1.11');
});

it('uses only values env/.env.dev declares or an earlier action writes', () => {
  const declared = new Set(readDotenv(path.join(repoRoot, 'env', '.env.dev')).keys());
  const written = new Set(actions.flatMap((action) => Object.values(action.writeToEnvironmentFile ?? {})));
  const manifestTemplate = readFileSync(path.join(repoRoot, 'appPackage', 'manifest.json'), 'utf8');
  for (const name of [...listPlaceholders(text), ...listPlaceholders(manifestTemplate)]) {
    expect({ name, defined: declared.has(name) || written.has(name) }).toEqual({ name, defined: true });
  }
  expect(declared.has('SECRET_BOT_PASSWORD')).toBe(false); // secrets belong to env/.env.dev.user
});

it('packages the manifest and icons of appPackage/ into appPackage/build, which git ignores', () => {
  const gitignore = readFileSync(path.join(repoRoot, '.gitignore'), 'utf8').split('\n');
  for (const action of actions.filter((a) => a.uses.startsWith('teamsApp/'))) {
    const manifestPath = action.with?.manifestPath as string | undefined;
    if (manifestPath) expect(existsSync(path.join(repoRoot, manifestPath))).toBe(true);
    const output = (action.with?.outputZipPath ?? action.with?.appPackagePath) as string | undefined;
    if (output) expect(output.startsWith('./appPackage/build/')).toBe(true);
  }
  expect(gitignore).toEqual(expect.arrayContaining(['appPackage/build/', 'env/.env.*.user', 'm365ops.env']));
});

it('registers a single-tenant bot whose messaging endpoint is m365ops’s /api/messages', () => {
  expect(actionOf('aadApp/create').with).toMatchObject({
    signInAudience: 'AzureADMyOrg',
    generateServicePrincipal: true,
  });
  expect(actionOf('botFramework/create').with).toMatchObject({
    botId: placeholder('BOT_ID'),
    messagingEndpoint: `https://${placeholder('BOT_DOMAIN')}/api/messages`,
    channels: [{ name: 'msteams' }],
  });
});

it('writes the Teams settings m365ops reads, which turn Teams on, authenticated, for the MSP tenant only', () => {
  const envs = actionOf('file/createOrUpdateEnvironmentFile').with!.envs as Record<string, string>;
  const sample: Record<string, string> = {
    BOT_ID: '6b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    SECRET_BOT_PASSWORD: 'a-secret',
    BOT_TENANT_ID: '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60',
    BOT_DOMAIN: 'bot.example.com',
  };
  const filled = Object.fromEntries(
    Object.entries(envs).map(([key, value]) => [
      key,
      value.replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => sample[name]!),
    ]),
  );
  const env = parseEnv(filled, repoRoot);
  expect(env.teams).toMatchObject({ mode: 'authenticated', allowedTenants: [sample.BOT_TENANT_ID] });
  expect(env.publicUrl).toBe('https://bot.example.com');
  expect(filled.MicrosoftAppType).toBe('SingleTenant');
});
