/**
 * Change notifications end to end: m365ops's own routes answer Graph's validation handshake, the simulator
 * subscribes them, a licence removed in the simulated portal is posted to m365ops, which reads that user again and
 * posts the discrepancy card in the customer's bound Teams channel (the Bot Connector stand-in) — no sync run.
 */

import { createGraphNotifications, type GraphNotifications } from '../../bot/server/graph-notifications';
import { type RunningHttpServer, startHttpServer } from '../../bot/server/http-server';
import { keepSubscriptions } from '../../sync/notifications/subscription-upkeep';
import { findFreePort } from '../support/free-port';
import { contosoTenant, type SyncHarness, startSyncHarness } from './sync-harness';

let harness: SyncHarness;
let notifications: GraphNotifications;
let server: RunningHttpServer;
let urls: { notificationUrl: string; lifecycleUrl: string };
const control = () => harness.app.simulator!.control;

beforeAll(async () => {
  harness = await startSyncHarness();
  await harness.bindChannel('teams');
  await harness.syncContoso();
  await harness.app.m365ops.handle({
    context: { identity: 'cli:ops', origin: 'cli', isPersonal: true },
    command: { name: 'decide-all', customerId: 'contoso', kind: 'unmanaged-user', action: 'approve', confirmed: true },
  });
  const port = await findFreePort();
  urls = {
    notificationUrl: `http://127.0.0.1:${port}/graph/notifications`,
    lifecycleUrl: `http://127.0.0.1:${port}/graph/lifecycle`,
  };
  notifications = createGraphNotifications(harness.app, urls);
  server = await startHttpServer(harness.app, { port, mounts: [notifications.mount] });
});

afterAll(async () => {
  await notifications.receiver.idle();
  await server.close();
  await harness.close();
});

describe('Graph change notifications over HTTP', () => {
  it('answers the validation handshake with the token as plain text', async () => {
    const token = 'Validation: Testing client application reachability <b>&</b>';
    for (const url of [urls.notificationUrl, urls.lifecycleUrl]) {
      const answer = await fetch(`${url}?validationToken=${encodeURIComponent(token)}`, { method: 'POST' });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await answer.text()).toBe(token);
    }
  });

  it('answers 202 and drops a notification it cannot match to a subscription', async () => {
    const answer = await fetch(urls.notificationUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: [{ subscriptionId: 'nope', clientState: 'x', resource: 'Users/1' }] }),
    });
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({ accepted: 0, dropped: 1 });
  });

  it('posts a card in the bound channel for a licence removed in the portal, without a sync run', async () => {
    const counts = await keepSubscriptions(harness.app.runtime, urls);
    expect(counts.created).toBeGreaterThanOrEqual(1);
    expect(control().listSubscriptions(contosoTenant)).toHaveLength(1);
    const runsBefore = (await harness.app.store.syncState.get('contoso'))?.lastRun?.runId;

    const upn = 'allan.deyoung@contoso.com';
    control().setLicenses(contosoTenant, upn, []);
    let open = await harness.app.store.discrepancies.listOpen('contoso');
    for (let i = 0; i < 500 && !open.some((d) => d.messageRef); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      open = await harness.app.store.discrepancies.listOpen('contoso');
    }
    await notifications.receiver.idle();
    const discrepancy = await harness.openDiscrepancy('licenses-removed', upn);
    expect(await harness.channelCard('teams', discrepancy)).toContain(upn);
    expect((await harness.app.store.syncState.get('contoso'))?.lastRun?.runId).toBe(runsBefore);
  });
});
