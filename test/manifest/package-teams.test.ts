/** The Teams app manifest and package, checked against the official v1.29 schema kept in test/fixtures. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { commandCatalog } from '../../core/command-catalog';
import { buildTeamsManifest, writeTeamsPackage } from '../../manifest/package-teams';
import { drawColorIcon, drawOutlineIcon } from '../../manifest/teams/draw-icons';
import manifestTemplate from '../../manifest/teams/manifest.json';
import { readZip } from '../support/read-zip';

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

const settings = { appId: '6b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b', publicUrl: 'https://m365ops.example.com' };

function pngSize(png: Buffer): { width: number; height: number; colourType: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colourType: png.readUInt8(25) };
}

it('keeps a template that validates against the official schema', () => {
  expect(schemaErrors(manifestTemplate)).toEqual([]);
});

it('enforces the schema’s const on manifestVersion', () => {
  expect(schemaErrors({ ...manifestTemplate, manifestVersion: '1.17' })).toEqual([
    '/manifestVersion must be equal to constant',
  ]);
});

it('fills the bot id and the valid domain from MicrosoftAppId and PUBLIC_URL', () => {
  const manifest = buildTeamsManifest({ ...settings, publicUrl: 'https://bot.example.com:8443/base' });
  expect(manifest.bots[0]!.botId).toBe(settings.appId);
  expect(manifest.validDomains).toEqual(['bot.example.com']);
  expect(schemaErrors(manifest)).toEqual([]);
});

it('refuses an app id that is not a GUID, saying what it must be', () => {
  expect(() => buildTeamsManifest({ ...settings, appId: 'my-bot' })).toThrow(/must|needs.*GUID/);
});

it('offers the bot in personal chats, teams and group chats', () => {
  expect(manifestTemplate.bots[0]!.scopes).toEqual(['personal', 'team', 'groupChat']);
});

it('lists only commands of the catalog, each list within the 12 Teams allows', () => {
  const phrases = new Set(commandCatalog.filter((e) => e.listed).map((e) => e.words.join(' ')));
  for (const list of manifestTemplate.bots[0]!.commandLists) {
    expect(list.commands.length).toBeLessThanOrEqual(12);
    for (const command of list.commands) expect(phrases).toContain(command.title);
  }
});

it('lists every helpdesk and approver command in personal chats and notify here in channels', () => {
  const [personal, team] = manifestTemplate.bots[0]!.commandLists;
  const everyday = commandCatalog.filter((e) => e.listed && e.role !== 'admin').map((e) => e.words.join(' '));
  for (const phrase of everyday) expect(personal!.commands.map((c) => c.title)).toContain(phrase);
  expect(team!.commands.map((c) => c.title)).toContain('notify here');
});

it('draws a 192×192 colour icon and a 32×32 transparent outline icon', () => {
  expect(pngSize(drawColorIcon())).toMatchObject({ width: 192, height: 192 });
  expect(pngSize(drawOutlineIcon())).toEqual({ width: 32, height: 32, colourType: 6 });
});

it('writes a zip whose manifest validates and whose icons are the ones it names', async () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'teams-package-')), 'teams-app.zip');
  await writeTeamsPackage(settings, out);
  const files = readZip(readFileSync(out));
  expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  expect(schemaErrors(manifest)).toEqual([]);
  expect(manifest.bots[0].botId).toBe(settings.appId);
  expect(manifest.validDomains).toEqual(['m365ops.example.com']);
  expect(pngSize(files.get(manifest.icons.color)!)).toMatchObject({ width: 192, height: 192 });
  expect(pngSize(files.get(manifest.icons.outline)!)).toMatchObject({ width: 32, height: 32 });
});
