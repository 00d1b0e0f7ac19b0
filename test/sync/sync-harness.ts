/**
 * The whole m365ops for sync scenarios: createApp (embedded store in a temporary directory, the built-in
 * simulated tenants), the one HTTP server with Teams and Slack mounted, the Bot Connector and Slack Web API
 * stand-ins, and a sync scheduler of its own. A customer's channel is bound with `notify here` like a person
 * would; cards are read back at the stand-ins and their buttons clicked over /api/messages and /slack/events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../bot/server/http-server';
import { mountSlackWith } from '../../bot/slack/mount';
import { mountTeams } from '../../bot/teams/mount';
import type { Discrepancy, DiscrepancyKind } from '../../store/types';
import { createSyncScheduler, type SyncScheduler } from '../../sync/sync-scheduler';
import { blockActionsPayload, findButton } from '../bot/slack/slack-payloads';
import {
  cardAction,
  channelId,
  channelMessage,
  type TeamsActivity,
  type TeamsUser,
} from '../bot/teams/teams-activities';
import { type BotConnectorStandIn, devConnectorEnv, startBotConnectorStandIn } from '../support/bot-connector-stand-in';
import { writeDemoConfig } from '../support/demo-config';
import { type SlackApiStandIn, slackEnvironment, startSlackApiStandIn } from '../support/slack-api-stand-in';
import { slackIdentityOf } from '../support/slack-identities';
import { interactionBody, postSignedSlackBody, slashCommandBody } from '../support/slack-signed-requests';
import { neverSchedule } from '../support/sync-handler-settings';

export type Platform = 'teams' | 'slack';
type Role = 'approver' | 'helpdesk';

export const contosoTenant = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
export const slackChannel = 'C0HELPDESK';
const signingSecret = 'sync-test-signing-secret-0123456789';

export const teamsPeople = {
  admin: { id: '29:admin-ana', name: 'Ana Admin', aadObjectId: 'a0000000-0000-4000-8000-00000000000a' },
  approver: { id: '29:approver-ben', name: 'Ben Approver', aadObjectId: 'b0000000-0000-4000-8000-00000000000b' },
  helpdesk: { id: '29:helpdesk-hal', name: 'Hal Helpdesk', aadObjectId: 'c0000000-0000-4000-8000-00000000000c' },
} satisfies Record<string, TeamsUser>;
export const slackPeople = { admin: 'UADMIN001', approver: 'UAPPROVE1', helpdesk: 'UHELPDSK1' };

export interface SyncHarness {
  app: App;
  http: RunningHttpServer;
  connector: BotConnectorStandIn;
  slack: SlackApiStandIn;
  scheduler: SyncScheduler;
  /** Binds contoso's notifications to the Teams channel or the Slack channel, as an admin would. */
  bindChannel(platform: Platform): Promise<void>;
  /** Types a command in the channel (Teams message, Slack `/m365`) as a person with that role; answers once sent. */
  type(platform: Platform, text: string, as?: Role | 'admin'): Promise<void>;
  /** One scheduled tick for contoso, now. */
  syncContoso(): Promise<void>;
  openDiscrepancy(kind: DiscrepancyKind, upn?: string): Promise<Discrepancy>;
  /** The latest content of the channel message that carries this discrepancy's buttons or decision. */
  channelCard(platform: Platform, discrepancy: Discrepancy): Promise<string>;
  /** Clicks a button of the channel message as a person with that role; waits for the message to change. */
  click(platform: Platform, discrepancy: Discrepancy, title: string, as?: Role): Promise<unknown>;
  clickCard(card: unknown, title: string, discrepancyId?: string, as?: Role): Promise<unknown>;
  clickBlocks(blocks: unknown, title: string, discrepancyId?: string, as?: Role, ephemeral?: boolean): Promise<void>;
  /**
   * The question a click asked first, as the clicker sees it: Teams, the card that replaced the clicked one; Slack,
   * the latest ephemeral message to the clicker.
   */
  question(platform: Platform, answer: unknown, as?: Role): string;
  /** Clicks `title` on that question (its confirming button); waits for the app to answer. */
  confirm(platform: Platform, answer: unknown, title: string, as?: Role): Promise<unknown>;
  close(): Promise<void>;
}

/** The demo configuration, with one Teams and one Slack identity per role. */
function writeConfig(dir: string): string {
  return writeDemoConfig(dir, {
    admins: [`teams:${teamsPeople.admin.aadObjectId}`, slackIdentityOf(slackPeople.admin)],
    approvers: [`teams:${teamsPeople.approver.aadObjectId}`, slackIdentityOf(slackPeople.approver)],
    helpdesk: [`teams:${teamsPeople.helpdesk.aadObjectId}`, slackIdentityOf(slackPeople.helpdesk)],
  });
}

export async function startSyncHarness(): Promise<SyncHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-sync-'));
  const connector = await startBotConnectorStandIn();
  const slack = await startSlackApiStandIn();
  const app = await createApp({
    env: {
      DATA_DIR: dataDir,
      M365OPS_CONFIG: writeConfig(dataDir),
      LOG_LEVEL: 'silent',
      ...devConnectorEnv(connector),
      ...slackEnvironment(slack, signingSecret),
    },
    cwd: dataDir,
  });
  const http = await startHttpServer(app, {
    port: 0,
    mounts: [
      (server, m365ops) => mountTeams(server, m365ops, { env: {}, workingCardAfterMs: 10_000 }),
      (server, m365ops) => mountSlackWith(server, m365ops, { minMessageIntervalMs: 5 }),
    ],
  });
  const scheduler = createSyncScheduler({
    runtime: app.runtime,
    owner: 'test',
    defaultSchedule: neverSchedule,
  });
  const eventsUrl = `${http.url}/slack/events`;
  let sequence = 0;

  async function postTeams(activity: TeamsActivity) {
    const response = await fetch(`${http.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }

  async function messageOf(platform: Platform, discrepancy: Discrepancy): Promise<string> {
    const stored = await app.store.discrepancies.get(discrepancy.id);
    const ref = stored?.messageRef;
    if (!ref) throw new Error(`The discrepancy ${discrepancy.kind} of ${discrepancy.upn} was never posted.`);
    if (platform === 'teams') {
      const activityId = String(ref.ref.activityId);
      const current = connector.current(channelId, activityId);
      if (!current) throw new Error('The Teams channel has no such message.');
      return JSON.stringify(current.body);
    }
    const ts = String(ref.ref.ts);
    const updates = slack.callsTo('chat.update').filter((call) => call.args.ts === ts);
    const latest =
      updates.at(-1) ??
      slack.callsTo('chat.postMessage').find((call) => JSON.stringify(call.args).includes(discrepancy.id));
    if (!latest) throw new Error('The Slack channel has no such message.');
    return JSON.stringify(latest.args);
  }

  /** Clicks an Action.Execute of a Teams card as that person; answers the invoke response. */
  async function clickCard(card: unknown, title: string, discrepancyId?: string, as: Role = 'approver') {
    const action = findExecuteAction(card, title, discrepancyId);
    const base = channelMessage(connector.serviceUrl, '', teamsPeople[as]);
    return postTeams(cardAction(base, action.verb, action.data, 'card-message'));
  }

  /** Clicks a Slack button as that person; waits until the app answered (an update or a note to the clicker). */
  async function clickBlocks(
    blocks: unknown,
    title: string,
    discrepancyId?: string,
    as: Role = 'approver',
    ephemeral = false,
  ) {
    sequence++;
    const button = findButtonFor(blocks, title, discrepancyId);
    const payload = blockActionsPayload({
      button,
      userId: slackPeople[as],
      channelId: slackChannel,
      responseUrl: slack.responseUrl(`click-${sequence}`),
      ephemeral,
    });
    const responseId = `click-${sequence}`;
    const from = slack.calls.length;
    // This click's answer: its response_url, or the message it updates or the note to the clicker (not what an
    // earlier command, such as a typed `sync`, is still sending).
    const answered = () =>
      slack.calls
        .slice(from)
        .some(
          (call) =>
            call.responseId === responseId || call.method === 'chat.update' || call.method === 'chat.postEphemeral',
        );
    await postSignedSlackBody(eventsUrl, signingSecret, interactionBody(payload), {});
    // Bolt acknowledges first and runs the decision after: wait until it shows.
    for (let i = 0; i < 200 && !answered(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  }

  async function typeCommand(platform: Platform, text: string, as: Role | 'admin' = 'approver') {
    if (platform === 'teams') {
      await postTeams(channelMessage(connector.serviceUrl, text, teamsPeople[as]));
      return;
    }
    sequence++;
    const body = slashCommandBody({
      text,
      userId: slackPeople[as],
      channelId: slackChannel,
      responseUrl: slack.responseUrl(`typed-${sequence}`),
    });
    await postSignedSlackBody(eventsUrl, signingSecret, body, {});
  }

  function questionOf(platform: Platform, answer: unknown, as: Role = 'approver'): string {
    if (platform === 'teams') return JSON.stringify((answer as { value?: unknown } | undefined)?.value);
    const asked = slack.callsTo('chat.postEphemeral').filter((call) => call.args.user === slackPeople[as]);
    return JSON.stringify(asked.at(-1)?.args ?? {});
  }

  return {
    app,
    http,
    connector,
    slack,
    scheduler,
    type: typeCommand,
    async bindChannel(platform) {
      await typeCommand(platform, 'notify here contoso', 'admin');
      for (let i = 0; i < 100; i++) {
        const binding = await app.store.bindings.get('contoso');
        if (binding?.platform === platform) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`contoso's channel was not bound on ${platform}`);
    },
    async syncContoso() {
      const [outcome] = await scheduler.runTick(new Date(), ['contoso']);
      if (outcome?.outcome !== 'ok') throw new Error(`The sync did not succeed: ${JSON.stringify(outcome)}`);
    },
    async openDiscrepancy(kind, upn) {
      const open = await app.store.discrepancies.listOpen('contoso', kind);
      const found = open.find((d) => upn === undefined || d.upn === upn);
      if (!found) throw new Error(`No open ${kind} discrepancy${upn ? ` for ${upn}` : ''}.`);
      return found;
    },
    channelCard: messageOf,
    async click(platform, discrepancy, title, as = 'approver') {
      const before = await messageOf(platform, discrepancy);
      if (platform === 'teams') return clickCard(JSON.parse(before), title, discrepancy.id, as);
      await clickBlocks((JSON.parse(before) as { blocks: unknown }).blocks, title, discrepancy.id, as);
      return undefined;
    },
    clickCard,
    clickBlocks,
    question: questionOf,
    async confirm(platform, answer, title, as = 'approver') {
      const asked = JSON.parse(questionOf(platform, answer, as));
      if (platform === 'teams') return clickCard(asked, title, undefined, as);
      // The question is removed first; the decision shows as a chat.update (or a note to the clicker) after it.
      const shown = () => slack.callsTo('chat.update').length + slack.callsTo('chat.postEphemeral').length;
      const before = shown();
      await clickBlocks(asked.blocks, title, undefined, as, true);
      for (let i = 0; i < 200 && shown() === before; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      return undefined;
    },
    async close() {
      await scheduler.stop();
      await http.close();
      await app.close();
      await connector.close();
      await slack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface ExecuteAction {
  verb: string;
  data: Record<string, unknown>;
}

/** An Action.Execute titled `title` whose data names the discrepancy (or, for "Approve all …", any). */
export function findExecuteAction(activityBody: unknown, title: string, discrepancyId?: string): ExecuteAction {
  const found: ExecuteAction[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && record.title === title) {
        found.push({ verb: String(record.verb), data: (record.data ?? {}) as Record<string, unknown> });
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(activityBody);
  const match = found.find(
    (action) => !discrepancyId || !action.data.discrepancyId || action.data.discrepancyId === discrepancyId,
  );
  if (!match) throw new Error(`No "${title}" button on the card.`);
  return match;
}

function findButtonFor(blocks: unknown, title: string, discrepancyId?: string) {
  const all = (blocks ?? []) as {
    type: string;
    elements?: { type: string; text?: { text: string }; value?: string }[];
  }[];
  for (const block of all) {
    if (block.type !== 'actions') continue;
    const button = block.elements?.find(
      (element) =>
        element.type === 'button' &&
        element.text?.text === title &&
        (!discrepancyId || (element.value ?? '').includes(discrepancyId)),
    );
    if (button) return findButton([{ ...block, elements: [button] }], title);
  }
  return findButton(blocks, title);
}
