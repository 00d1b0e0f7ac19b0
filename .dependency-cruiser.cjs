/**
 * The floors of m365ops, as rules dependency-cruiser checks (`npm run lint:layers`, part of `npm run lint`):
 *
 *   bot → handlers → {sync, jobs} → core → {m365, store} → common
 *   cards → core          config → core (read only by the composition root)
 *   sim: only the composition root (bot/server/app.ts) and tests start it
 *
 * A folder may import its own floor and any floor below it, never one above. bot/server/ is the composition root
 * and may import every floor (so may bot/cli/main.ts, the CLI's own composition root). Every rule is an error.
 * test/, bench/ and scripts/ are not cruised: they may reach any floor.
 */

/** Every top-level folder of production code, as a path pattern. */
const folders = ['bot', 'cards', 'common', 'config', 'core', 'handlers', 'jobs', 'm365', 'sim', 'store', 'sync'];

/** `^(a|b|c)/`: the folders a rule forbids. */
function anyOf(names) {
  return `^(${names.join('|')})/`;
}

/** The folders above `floor`, or beside it on another branch, which it must not import. */
function upwardRule(floor, forbidden, severity = 'error', comment = '') {
  return {
    name: `floor-${floor}`,
    severity,
    comment: `${floor}/ imports only its own floor and the floors below it.${comment ? ` ${comment}` : ''}`,
    from: { path: `^${floor}/` },
    to: { path: anyOf(forbidden) },
  };
}

module.exports = {
  forbidden: [
    upwardRule('common', ['bot', 'cards', 'config', 'core', 'handlers', 'jobs', 'm365', 'sim', 'store', 'sync']),
    upwardRule('m365', ['bot', 'cards', 'config', 'core', 'handlers', 'jobs', 'sim', 'store', 'sync']),
    upwardRule('store', ['bot', 'cards', 'config', 'core', 'handlers', 'jobs', 'm365', 'sim', 'sync']),
    upwardRule('core', ['bot', 'cards', 'config', 'handlers', 'jobs', 'sim', 'sync']),
    upwardRule('config', ['bot', 'cards', 'handlers', 'jobs', 'm365', 'sim', 'sync']),
    upwardRule('jobs', ['bot', 'cards', 'config', 'handlers', 'sim', 'sync']),
    upwardRule('sync', ['bot', 'cards', 'config', 'handlers', 'jobs', 'sim']),
    upwardRule('handlers', ['bot', 'cards', 'config', 'sim']),
    {
      name: 'floor-cards',
      severity: 'error',
      comment:
        'cards/ renders core/ Replies: it imports core/, common/ and the domain types (store/types.ts), nothing else.',
      from: { path: '^cards/' },
      to: { path: `${anyOf(['bot', 'config', 'handlers', 'jobs', 'm365', 'sim', 'sync'])}|^store/(?!types\\.ts$)` },
    },
    {
      name: 'transport-narrow-port',
      severity: 'error',
      comment:
        'A transport (bot/ outside the composition roots bot/server/ and bot/cli/main.ts) reaches m365ops through ' +
        'its narrow port (core/m365ops-port.ts: handle, parseHints, requestKeys) and bot/transport-host.ts, never ' +
        'the App, the store or the Microsoft client.',
      from: { path: '^bot/(?!server/|cli/main\\.ts$)' },
      to: { path: `^bot/server/|${anyOf(['config', 'jobs', 'm365', 'sim', 'sync'])}|^store/(?!types\\.ts$)` },
    },
    {
      name: 'sim-only-from-composition-root',
      severity: 'error',
      comment: 'The simulator is started by the composition root (bot/server/app.ts) and by tests, nowhere else.',
      from: { path: anyOf(folders.filter((name) => name !== 'sim')), pathNot: '^bot/server/app\\.ts$' },
      to: { path: '^sim/' },
    },
    {
      name: 'sim-stands-alone',
      severity: 'error',
      comment: 'The simulator is a stand-in for Microsoft 365: it knows nothing of the product (common/ aside).',
      from: { path: '^sim/' },
      to: { path: anyOf(folders.filter((name) => name !== 'sim' && name !== 'common')) },
    },
    {
      name: 'botbuilder-only-in-bot-teams',
      severity: 'error',
      comment: "botbuilder's surface stays inside bot/teams/.",
      from: { pathNot: '^bot/teams/' },
      to: { path: 'node_modules/(botbuilder[^/]*|botframework-[^/]+)/' },
    },
    {
      name: 'bolt-only-in-bot-slack',
      severity: 'error',
      comment: "Slack's Bolt (and its Web API client) stays inside bot/slack/.",
      from: { pathNot: '^bot/slack/' },
      to: { path: 'node_modules/@slack/' },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      scope: 'folder',
      comment:
        'Two top-level folders must not import each other, even through different files (a cycle among the ' +
        "sub-folders of one folder, such as sim/http and sim/graph, is that folder's own business).",
      from: { path: '^([^/]+)' },
      to: { circular: true, pathNot: '^$1(/|$)' },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'No file reaches itself through its imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      comment: 'An import the resolver cannot find (a file moved without its importers).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)dist/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
