/**
 * Who may do what, from outside: every privileged command (test/bot/privileged-commands.ts) asked by every role
 * (none, helpdesk, approver, admin) through every entry point (Teams activities on /api/messages, signed Slack
 * requests on /slack/events, the CLI as the local operator with the admin role). An allowed row must do what the
 * command says; a refused row must say which role it needs and leave the tenant untouched: no write request
 * reached the simulator, and the state the command is about is exactly as it was.
 */
import type { SimControl } from '../../sim/types';
import {
  type Asker,
  contosoTenantId,
  type EntryPoint,
  type EntryPointName,
  startCli,
  startSlack,
  startTeams,
} from './privilege-entry-points';
import { type PrivilegedCommand, privilegedCommands } from './privileged-commands';

const rank: Record<Asker, number> = { none: 0, helpdesk: 1, approver: 2, admin: 3 };
const askersOf: Record<EntryPointName, readonly Asker[]> = {
  Teams: ['none', 'helpdesk', 'approver', 'admin'],
  Slack: ['none', 'helpdesk', 'approver', 'admin'],
  // The CLI is the local operator, an admin: it may do everything.
  CLI: ['admin'],
};

interface Row {
  entry: EntryPointName;
  asker: Asker;
  command: string;
  outcome: string;
  spec: PrivilegedCommand;
  allowed: boolean;
}

const rows: Row[] = (['Teams', 'Slack', 'CLI'] as const).flatMap((entry) =>
  privilegedCommands
    .filter((spec) => entry !== 'CLI' || spec.cli !== undefined)
    .flatMap((spec) =>
      askersOf[entry].map((asker) => {
        const allowed = rank[asker] >= rank[spec.needs];
        const requested = !allowed && asker === 'helpdesk' && spec.requested !== undefined;
        const outcome = allowed ? 'allowed' : requested ? 'asked of an approver' : `refused, needs ${spec.needs}`;
        return { entry, asker, command: spec.name, outcome, spec, allowed };
      }),
    ),
);

const entryPoints = {} as Record<EntryPointName, EntryPoint>;
let nextRow = 0;

beforeAll(async () => {
  [entryPoints.Teams, entryPoints.Slack, entryPoints.CLI] = await Promise.all([startTeams(), startSlack(), startCli()]);
  for (const entry of Object.values(entryPoints)) {
    // Licences are never what refuses a row.
    entry.sim.setSkuUnits(contosoTenantId, 'O365_BUSINESS_ESSENTIALS', 500);
    entry.sim.setSkuUnits(contosoTenantId, 'SPB', 500);
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(entryPoints).map((entry) => entry.close()));
});

/** Requests that change a tenant (anything but a read or a token), by route. */
function tenantWrites(sim: SimControl): string[] {
  return Object.keys(sim.requestCounts()).filter((route) => !route.startsWith('GET ') && !route.includes('token'));
}

test.each(rows)(
  '$entry, $asker: $command is $outcome',
  async ({ entry, asker, spec, allowed }) => {
    const world = entryPoints[entry];
    nextRow += 1;
    const target = await spec.arrange(world, nextRow, asker);
    const before = await spec.observe(world, target);
    world.sim.resetRequestCounts();

    const input = entry === 'CLI' ? { text: spec.cli!(target) } : spec.chat(target);
    const shown = await world.send(asker, input);

    if (allowed) {
      if (!spec.quotesRefusals) expect(shown).not.toMatch(/needs the \w+ role/);
      await spec.expectDone(world, target, shown);
    } else if (asker === 'helpdesk' && spec.requested) {
      expect(shown).toMatch(spec.requested);
      expect(tenantWrites(world.sim)).toEqual([]);
      expect(await spec.observe(world, target)).toEqual(before);
    } else {
      const held = asker === 'none' ? '' : ` \\(you have the ${asker} role\\)`;
      expect(shown).toMatch(new RegExp(`needs the ${spec.refusalNames?.(asker) ?? spec.needs} role${held}`));
      expect(tenantWrites(world.sim)).toEqual([]);
      expect(await spec.observe(world, target)).toEqual(before);
    }
  },
  60_000,
);
