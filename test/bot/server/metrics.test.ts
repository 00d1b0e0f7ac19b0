/**
 * GET /metrics, scraped as Prometheus would after real work through Teams: a channel bound, a sync that Graph
 * throttles now and then and whose digest Teams throttles once, a decision, commands allowed and refused, a user
 * added whose aliases wait for the mailbox. Every counter must match what the simulator, the Bot Connector and the
 * store saw. GET /readyz answers apart from /healthz.
 */
import { actionData } from '../../../cards';
import type { SimControl } from '../../../sim/types';
import { type AppHarness, startAppHarness } from '../teams/app-harness';
import {
  cardAction,
  channelId,
  channelMessage,
  people,
  personalMessage,
  type TeamsUser,
} from '../teams/teams-activities';
import { parseMetrics, sampleOf, sumOf } from './prometheus-text';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';

let h: AppHarness;
let sim: SimControl;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000 });
  sim = h.app.simulator!.control;
}, 30_000);

afterAll(async () => {
  await h?.close();
});

async function scrape(): Promise<string> {
  const response = await fetch(`${h.http.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

async function say(user: TeamsUser, text: string, where: 'personal' | 'channel' = 'personal'): Promise<void> {
  const activity =
    where === 'personal'
      ? personalMessage(h.connector.serviceUrl, text, user)
      : channelMessage(h.connector.serviceUrl, text, user);
  expect((await h.post(activity)).status).toBe(200);
}

/** Requests the simulator answered since its counts were reset, by route name. */
function simulatorCount(match: (route: string) => boolean): number {
  return Object.entries(sim.requestCounts())
    .filter(([route]) => match(route))
    .reduce((total, [, count]) => total + count, 0);
}

it('counts syncs, users read, discrepancies, decisions, Microsoft and Teams answers, commands and jobs', async () => {
  const before = parseMetrics(await scrape());
  const delta = (name: string, labels: Record<string, string> = {}) =>
    sampleOf(parseMetrics(after), name, labels) - sampleOf(before, name, labels);
  sim.resetRequestCounts();
  sim.setFaults({ throttleEvery: 4, retryAfterSeconds: 0.01 });
  const connectorBefore = h.connector.recorded.length;

  await say(people.admin, 'notify here contoso', 'channel');
  // botbuilder retries a 429 from the Bot Connector three times itself; the fourth reaches the notifier's pacer.
  h.connector.throttleNext(4, 0.01);
  await say(people.helpdesk, 'sync contoso');
  await say(people.stranger, 'users contoso');
  await say(people.helpdesk, 'users contoso');
  await say(people.helpdesk, 'add user metrics.jane@contoso.com plan business-basic location GB alias mj@contoso.com');
  const [first] = await h.app.store.discrepancies.listOpen('contoso', 'unmanaged-user');
  const approve = actionData({ name: 'decide', discrepancyId: first!.id, action: 'approve' });
  const click = await h.post(
    cardAction(personalMessage(h.connector.serviceUrl, '', people.approver), approve.verb, approve.data),
  );
  expect(click.status).toBe(200);
  sim.clearFaults();
  const after = await scrape();

  // Commands, by outcome.
  expect(delta('m365ops_requests_total', { command: 'users', origin: 'teams', outcome: 'ok' })).toBe(1);
  expect(delta('m365ops_requests_total', { command: 'users', origin: 'teams', outcome: 'refused' })).toBe(1);
  expect(delta('m365ops_requests_total', { command: 'sync', origin: 'teams', outcome: 'ok' })).toBe(1);
  expect(delta('m365ops_requests_total', { command: 'add-user', origin: 'teams', outcome: 'ok' })).toBe(1);
  expect(delta('m365ops_requests_total', { command: 'decide', origin: 'teams', outcome: 'ok' })).toBe(1);
  expect(delta('m365ops_request_duration_seconds_count', { command: 'users' })).toBe(2);

  // The sync: one run, the users it read, what it recorded.
  const run = (await h.app.store.syncState.get('contoso'))?.lastRun;
  expect(run?.outcome).toBe('ok');
  expect(delta('m365ops_syncs_total', { result: 'ok' })).toBe(1);
  expect(delta('m365ops_sync_duration_seconds_count', { result: 'ok' })).toBe(1);
  expect(delta('m365ops_sync_users_read_total')).toBe(run?.counts?.usersRead);
  const recorded = await h.app.store.discrepancies.list('contoso');
  for (const kind of new Set(recorded.map((d) => d.kind))) {
    const count = recorded.filter((d) => d.kind === kind).length;
    expect({ kind, opened: delta('m365ops_discrepancies_opened_total', { kind }) }).toEqual({ kind, opened: count });
  }
  expect(delta('m365ops_decisions_total', { kind: 'unmanaged-user', decision: 'approve', result: 'applied' })).toBe(1);

  // Microsoft: every answer the simulator gave, the throttled ones among them, and the waits they caused.
  const graph = simulatorCount((route) => route.includes(' /v1.0'));
  const throttled = simulatorCount((route) => route.endsWith('(fault)'));
  expect(throttled).toBeGreaterThan(0);
  expect(sumOf(parseMetrics(after), 'm365ops_microsoft_requests_total', { service: 'graph' })).toBe(
    sumOf(before, 'm365ops_microsoft_requests_total', { service: 'graph' }) + graph,
  );
  expect(delta('m365ops_microsoft_requests_total', { service: 'graph', status: '429' })).toBe(
    simulatorCount((route) => route.includes(' /v1.0') && route.endsWith('(fault)')),
  );
  expect(delta('m365ops_microsoft_throttled_total', { service: 'graph' })).toBe(
    simulatorCount((route) => route.includes(' /v1.0') && route.endsWith('(fault)')),
  );
  expect(delta('m365ops_microsoft_retry_wait_seconds_count')).toBeGreaterThanOrEqual(throttled);
  expect(delta('m365ops_microsoft_requests_total', { service: 'exchange' })).toBe(
    simulatorCount((route) => route === 'POST /InvokeCommand' || route === 'POST /InvokeCommand (fault)'),
  );

  // Teams: the channel messages the notifier posted (into the channel itself, not a command's thread) or updated,
  // and the throttled post it waited out.
  const channelWrites = h.connector.recorded.slice(connectorBefore).filter((a) => a.conversationId === channelId);
  expect(delta('m365ops_notifier_sends_total', { platform: 'teams', outcome: 'ok' })).toBe(
    channelWrites.filter((a) => a.status < 300).length,
  );
  expect(channelWrites.filter((a) => a.status === 429)).toHaveLength(4);
  expect(delta('m365ops_notifier_throttled_total', { platform: 'teams' })).toBe(1);

  // The alias job waits for the mailbox: the gauge reads the store.
  const waiting = await h.app.store.jobs.list({ status: 'pending' });
  expect(waiting.length).toBeGreaterThan(0);
  expect(sampleOf(parseMetrics(after), 'm365ops_durable_jobs', { state: 'waiting' })).toBe(waiting.length);
  expect(sampleOf(parseMetrics(after), 'm365ops_durable_jobs', { state: 'overdue' })).toBe(0);
  expect(sim.listUsers(contosoTenantId).some((user) => user.userPrincipalName === 'metrics.jane@contoso.com')).toBe(
    true,
  );
}, 60_000);

it('answers /readyz apart from /healthz: not ready until the sync schedules are loaded', async () => {
  // The harness runs no background work: the store answers, the schedules are not loaded.
  expect((await fetch(`${h.http.url}/healthz`)).status).toBe(200);
  const notReady = await fetch(`${h.http.url}/readyz`);
  expect(notReady.status).toBe(503);
  expect(await notReady.json()).toMatchObject({
    status: 'not ready',
    store: { reachable: true },
    schedules: { loaded: false },
  });
  h.app.readiness.markSchedulesLoaded();
  const ready = await fetch(`${h.http.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({
    status: 'ready',
    store: { reachable: true },
    schedules: { loaded: true },
  });
});
