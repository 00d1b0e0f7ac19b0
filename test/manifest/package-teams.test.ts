/** The Teams app package: appPackage/ filled and zipped, checked against the official v1.29 schema in test/fixtures. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { commandCatalog } from '../../core/command-catalog';
import {
  fillManifest,
  listPlaceholders,
  readPackageSettings,
  type TeamsManifest,
  writeTeamsPackage,
} from '../../manifest/package-teams';
import { readZip } from '../support/read-zip';

const repoRoot = path.join(__dirname, '..', '..');
const appPackage = path.join(repoRoot, 'appPackage');
const template = readFileSync(path.join(appPackage, 'manifest.json'), 'utf8');

// The schema declares draft-04 but uses `const`: draft-07 rules (strict off for its extra keywords) enforce it.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const { $schema: _draft04, ...schema } = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'teams-manifest.schema.json'), 'utf8'),
);
const validateManifest = ajv.compile(schema);

function schemaErrors(manifest: unknown): string[] {
  return validateManifest(manifest) ? [] : (validateManifest.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const botId = '6b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const settings = readPackageSettings({ BOT_ID: botId, PUBLIC_URL: 'https://m365ops.example.com' });
const manifest = fillManifest(template, settings);

/** Runs `npm run package:teams`'s script on the sources, in a fresh directory, with only the given settings. */
function runPackageTeams(env: Record<string, string>): {
  status: number | null;
  stdout: string;
  stderr: string;
  cwd: string;
} {
  const cwd = mkdtempSync(path.join(tmpdir(), 'package-teams-'));
  const script = path.join(repoRoot, 'manifest', 'package-teams.ts');
  const run = spawnSync(process.execPath, ['-r', path.join(repoRoot, 'test/support/swc-register.js'), script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, cwd };
}

it('fills a template that validates against the official schema', () => {
  expect(listPlaceholders(template)).toEqual(['TEAMS_APP_ID', 'BOT_DOMAIN', 'BOT_ID']);
  expect(schemaErrors(manifest)).toEqual([]);
});

it('enforces the schema’s const on manifestVersion', () => {
  expect(schemaErrors({ ...manifest, manifestVersion: '1.17' })).toEqual([
    '/manifestVersion must be equal to constant',
  ]);
});

it('fills the bot id and the valid domain from MicrosoftAppId and PUBLIC_URL, as the bot runs with them', () => {
  const filled = fillManifest(
    template,
    readPackageSettings({ MicrosoftAppId: botId, PUBLIC_URL: 'https://Bot.Example.com:8443/base' }),
  );
  expect(filled.bots[0]!.botId).toBe(botId);
  expect(filled.id).toBe(botId); // the Teams app id defaults to the bot's
  expect(filled.validDomains).toEqual(['bot.example.com']);
  expect(schemaErrors(filled)).toEqual([]);
});

it('prefers the Agents Toolkit names TEAMS_APP_ID, BOT_ID and BOT_DOMAIN', () => {
  const teamsAppId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
  const filled = fillManifest(
    template,
    readPackageSettings({
      TEAMS_APP_ID: teamsAppId,
      BOT_ID: botId,
      MicrosoftAppId: 'ignored',
      BOT_DOMAIN: 'ops.example.net',
      PUBLIC_URL: 'https://elsewhere.example.com',
    }),
  );
  expect(filled).toMatchObject({ id: teamsAppId, validDomains: ['ops.example.net'] });
  expect(filled.bots[0]!.botId).toBe(botId);
});

it('refuses values Teams would refuse, saying what each must be', () => {
  expect(() => readPackageSettings({ BOT_ID: 'my-bot', PUBLIC_URL: 'http://bot.example.com' })).toThrow(
    /BOT_ID is "my-bot", but it must be the bot's Application \(client\) ID, a GUID.*PUBLIC_URL is "http:\/\/bot.example.com", but Teams reaches bots over https only/,
  );
  expect(() => readPackageSettings({ BOT_ID: botId, BOT_DOMAIN: 'https://bot.example.com/' })).toThrow(
    /BOT_DOMAIN .* must be a host name alone/,
  );
});

it('fills any other placeholder from the environment, and names one nothing fills', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the Agents Toolkit's placeholder, not a template literal
  const placeholder = '${{APP_NAME_SUFFIX}}';
  const custom = template.replace('"short": "m365ops"', `"short": "m365ops${placeholder}"`);
  expect(() => fillManifest(custom, settings, {})).toThrow(
    `appPackage/manifest.json uses ${placeholder}, which nothing fills: set APP_NAME_SUFFIX in the environment.`,
  );
  expect((fillManifest(custom, settings, { APP_NAME_SUFFIX: ' (dev)' }).name as { short: string }).short).toBe(
    'm365ops (dev)',
  );
});

it('offers the bot in personal chats, teams and group chats', () => {
  expect(manifest.bots[0]!.commandLists.flatMap((list) => list.scopes).sort()).toEqual([
    'groupChat',
    'personal',
    'team',
  ]);
});

describe('command lists', () => {
  const lists = manifest.bots[0]!.commandLists;
  const phrases = new Set(commandCatalog.filter((e) => e.listed).map((e) => e.words.join(' ')));
  const titlesOf = (scope: string) => lists.find((list) => list.scopes.includes(scope))!.commands.map((c) => c.title);

  it('keep two of the 12 places Teams allows free in each list, for new commands', () => {
    for (const list of lists) expect(list.commands.length).toBeLessThanOrEqual(10);
  });

  it('list only commands of the catalog, and help in each (it lists the rest)', () => {
    for (const list of lists) {
      for (const command of list.commands) expect(phrases).toContain(command.title);
      expect(list.commands.map((c) => c.title)).toContain('help');
    }
  });

  it('list the everyday provisioning commands in personal chats and notify here in channels', () => {
    expect(titlesOf('personal')).toEqual(expect.arrayContaining(['add user', 'change plan', 'remove user', 'users']));
    expect(titlesOf('team')).toContain('notify here');
  });
});

it('writes a zip whose manifest validates and whose icons are the committed ones', async () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'teams-package-')), 'teams-app.zip');
  const written = await writeTeamsPackage(settings, out);
  const files = readZip(readFileSync(out));
  expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  const zipped = JSON.parse(files.get('manifest.json')!.toString('utf8')) as TeamsManifest;
  expect(zipped).toEqual(written);
  expect(schemaErrors(zipped)).toEqual([]);
  expect(zipped.bots[0]!.botId).toBe(botId);
  expect(files.get('color.png')).toEqual(readFileSync(path.join(appPackage, 'color.png')));
  expect(files.get('outline.png')).toEqual(readFileSync(path.join(appPackage, 'outline.png')));
});

it('refuses to package a replaced icon Teams would refuse', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'app-package-'));
  cpSync(appPackage, dir, { recursive: true });
  writeFileSync(path.join(dir, 'outline.png'), readFileSync(path.join(appPackage, 'color.png')));
  await expect(writeTeamsPackage(settings, path.join(dir, 'out.zip'), dir)).rejects.toThrow(
    'The Teams app icons in appPackage/ need fixing: outline.png must be 32×32 pixels (the outline icon), but it is 192×192.',
  );
});

describe('npm run package:teams', () => {
  it('says what it needs when the bot id is missing, and exits 1', () => {
    const run = runPackageTeams({ PUBLIC_URL: 'https://bot.example.com' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "BOT_ID (or MicrosoftAppId, as the running bot reads it) is not set: it must be the Application (client) ID of the bot's Entra app registration",
    );
    expect(run.stderr).toContain('npm run package:teams (docs/setup.md');
  });

  it('writes dist/teams-app.zip and says where to upload it', () => {
    const run = runPackageTeams({ BOT_ID: botId, PUBLIC_URL: 'https://bot.example.com' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Teams admin center');
    const files = readZip(readFileSync(path.join(run.cwd, 'dist', 'teams-app.zip')));
    expect(JSON.parse(files.get('manifest.json')!.toString('utf8')).validDomains).toEqual(['bot.example.com']);
  });
});
