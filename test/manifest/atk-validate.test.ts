/**
 * Microsoft's own check of the Teams manifest: `atk validate --manifest-file` from the Agents Toolkit CLI
 * (@microsoft/m365agentstoolkit-cli), which validates against the manifest schema and the toolkit's rules offline.
 * It is not a dependency of m365ops (its native keytar build needs the network at install time): CI installs it apart
 * with --ignore-scripts and names its binary in M365OPS_ATK_BIN; without it these tests are skipped.
 * The CLI looks up Microsoft's telemetry and experimentation hosts even with --telemetry false, so it runs here in a
 * namespace without a network (unshare -n), which also proves the check needs none.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTeamsPackage, readPackageSettings } from '../../manifest/package-teams';

const atk = process.env.M365OPS_ATK_BIN;
const describeWithAtk = atk ? describe : describe.skip;
const repoRoot = path.join(__dirname, '..', '..');
const botId = '6b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const settings = readPackageSettings({ BOT_ID: botId, BOT_DOMAIN: 'bot.example.com' });

function validate(manifestFile: string, envFile?: string): { status: number | null; output: string } {
  const args = [
    '-n',
    atk!,
    'validate',
    '--manifest-file',
    manifestFile,
    '--telemetry',
    'false',
    '--interactive',
    'false',
  ];
  if (envFile) args.push('--env-file', envFile);
  const run = spawnSync('unshare', args, { cwd: path.dirname(manifestFile), encoding: 'utf8', timeout: 120_000 });
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Writes the package npm run package:teams would zip into a directory, and returns its manifest's path. */
function writePackage(change: (manifest: { bots: { commandLists: { commands: unknown[] }[] }[] }) => void = () => {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'atk-package-'));
  const { files } = buildTeamsPackage(settings);
  for (const [name, content] of files) writeFileSync(path.join(dir, name), content);
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  change(manifest);
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return manifestFile;
}

describeWithAtk('atk validate --manifest-file (Agents Toolkit CLI, no network)', () => {
  jest.setTimeout(150_000);

  it('passes the manifest npm run package:teams builds', () => {
    const run = validate(writePackage());
    expect(run.output).toContain('All passed');
    expect(run.status).toBe(0);
  });

  it('passes appPackage/manifest.json filled by the toolkit from an env file, as m365agents.yml has it filled', () => {
    const envFile = path.join(mkdtempSync(path.join(tmpdir(), 'atk-env-')), '.env.test');
    writeFileSync(envFile, `TEAMS_APP_ID=${botId}\nBOT_ID=${botId}\nBOT_DOMAIN=bot.example.com\n`);
    const run = validate(path.join(repoRoot, 'appPackage', 'manifest.json'), envFile);
    expect(run.output).toContain('All passed');
    expect(run.status).toBe(0);
  });

  it('fails a command list over the 12 commands Teams allows (it really checks)', () => {
    const run = validate(
      writePackage((manifest) => {
        const list = manifest.bots[0]!.commandLists[0]!;
        while (list.commands.length < 13)
          list.commands.push({ title: `extra ${list.commands.length}`, description: 'x' });
      }),
    );
    expect(run.output).toContain('must NOT have more than 12 items');
    expect(run.status).not.toBe(0);
  });
});
