/**
 * The layer rules fail `npm run lint` on an upward import: dependency-cruiser's own command line (`depcruise`, as
 * `npm run lint:layers` runs it) checks the real .dependency-cruiser.cjs over a copy of test/fixtures/layers (a miniature of the floors that breaks no rule) to which
 * each case adds one deliberate violation. One run of dependency-cruiser for all cases keeps it fast.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
const folders = ['bot', 'cards', 'common', 'config', 'core', 'handlers', 'jobs', 'm365', 'sim', 'store', 'sync'];

/** A file that imports `name` from `module` and uses it. */
function importing(module: string, name: string): string {
  return `import * as imported from '${module}';\nexport const uses = imported.${name};\n`;
}

/** Files added to the miniature, each breaking one rule. */
const deliberate: Record<string, string> = {
  'core/reads-handlers.ts': importing('../handlers/change-plan', 'changePlan'),
  'sync/calls-handlers.ts': importing('../handlers/change-plan', 'changePlan'),
  'cards/reads-handlers.ts': importing('../handlers/change-plan', 'changePlan'),
  'handlers/starts-simulator.ts': importing('../sim/simulator', 'startSimulator'),
  'handlers/talks-teams.ts': importing('botbuilder', 'TurnContext'),
  'cards/talks-slack.ts': importing('@slack/bolt', 'App'),
  'bot/teams/holds-app.ts': importing('../server/app', 'createM365ops'),
  'common/first.ts': importing('./second', 'uses'),
  'common/second.ts': importing('./first', 'uses'),
  'jobs/lost-import.ts': importing('./gone', 'gone'),
};

/** Stand-ins for the two chat SDKs, so the resolver finds them under node_modules as it does in the product. */
const packages: Record<string, string> = {
  'node_modules/botbuilder/package.json': '{ "name": "botbuilder", "version": "0.0.0", "main": "index.js" }',
  'node_modules/botbuilder/index.js': 'exports.TurnContext = class {};\n',
  'node_modules/@slack/bolt/package.json': '{ "name": "@slack/bolt", "version": "0.0.0", "main": "index.js" }',
  'node_modules/@slack/bolt/index.js': 'exports.App = class {};\n',
};

interface Violation {
  severity: string;
  rule: string;
  /** "from → to" for a file rule; the first folder of the cycle for a folder cycle. */
  where: string;
}

let output = '';
let exitCode: number | null = null;
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'm365ops-layers-'));
  cpSync(join(root, 'test', 'fixtures', 'layers'), dir, { recursive: true });
  for (const [path, text] of Object.entries({ ...deliberate, ...packages })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const config = join(root, '.dependency-cruiser.cjs');
  const run = spawnSync(process.execPath, [depcruise, '--config', config, ...folders], { cwd: dir, encoding: 'utf8' });
  output = `${run.stdout}${run.stderr}`;
  exitCode = run.status;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function reported(): Violation[] {
  return output
    .split('\n')
    .map((line) => /^\s+(error|warn|info) ([\w-]+): (.*?)\s*$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, severity, rule, where]) => ({ severity: severity!, rule: rule!, where: where!.replace(/ →$/, '') }));
}

function find(rule: string, where: string): Violation | undefined {
  return reported().find((violation) => violation.rule === rule && violation.where === where);
}

describe('npm run lint:layers', () => {
  it('fails when a lower floor imports a higher one', () => {
    expect(find('floor-core', 'core/reads-handlers.ts → handlers/change-plan.ts')?.severity).toBe('error');
    expect(exitCode).not.toBe(0);
  });

  it('reports sync importing handlers and the folder cycle it makes', () => {
    expect(find('floor-sync', 'sync/calls-handlers.ts → handlers/change-plan.ts')).toBeDefined();
    expect(find('no-folder-cycles', 'sync')).toBeDefined();
  });

  it('reports cards importing anything but core', () => {
    expect(find('floor-cards', 'cards/reads-handlers.ts → handlers/change-plan.ts')).toBeDefined();
  });

  it('refuses the simulator outside the composition root', () => {
    expect(find('sim-only-from-composition-root', 'handlers/starts-simulator.ts → sim/simulator.ts')?.severity).toBe(
      'error',
    );
  });

  it('keeps botbuilder in bot/teams and Bolt in bot/slack', () => {
    expect(find('botbuilder-only-in-bot-teams', 'handlers/talks-teams.ts → node_modules/botbuilder/index.js')).toEqual(
      expect.objectContaining({ severity: 'error' }),
    );
    expect(find('bolt-only-in-bot-slack', 'cards/talks-slack.ts → node_modules/@slack/bolt/index.js')).toEqual(
      expect.objectContaining({ severity: 'error' }),
    );
  });

  it('keeps transports off the composition root', () => {
    expect(find('transport-narrow-port', 'bot/teams/holds-app.ts → bot/server/app.ts')).toBeDefined();
  });

  it('refuses cycles between files and imports that resolve to nothing', () => {
    expect(find('no-module-cycles', 'common/first.ts')?.severity).toBe('error');
    expect(find('no-unresolvable-imports', 'jobs/lost-import.ts → ./gone')?.severity).toBe('error');
  });

  it('reports nothing about the files that follow the floors', () => {
    const added = new Set([...Object.keys(deliberate), ...folders]);
    const strays = reported().filter((violation) => !added.has(violation.where.split(' → ')[0]!));
    expect(strays).toEqual([]);
  });
});
