/**
 * The three ways in, as an attacker or an operator reaches them: a Teams activity posted to /api/messages, a signed
 * Slack request to /slack/events, and the CLI run as a child process. Each is the whole m365ops against its own
 * simulated tenants and store, with one identity per role; `send` answers what the requester was shown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { currentUsername } from '../../bot/cli/cli-request';
import type { CardAction, SlackView } from '../../cards';
import { startSimulator } from '../../sim/index';
import type { SimControl } from '../../sim/types';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/ports';
import type { Role } from '../../store/types';
import { cliEnvForSimulator, runCliProcess } from '../support/cli-process';
import type { RecordedSlackCall, SlackApiStandIn } from '../support/slack-api-stand-in';
import { slackIdentityOf } from '../support/slack-identities';
import { startSlackDemo } from './slack/slack-demo';
import { blockActionsPayload, viewSelectPayload, viewSubmissionPayload } from './slack/slack-payloads';
import { startAppHarness } from './teams/app-harness';
import { cardAction, people, personalMessage } from './teams/teams-activities';

export type Asker = Role | 'none';
export type EntryPointName = 'Teams' | 'Slack' | 'CLI';

/** What a requester sends: a typed command, a button (verb and data, as the cards build them) or the add-user form. */
export type Input =
  | { text: string }
  | { button: CardAction }
  | { form: Record<string, string | boolean> }
  /** The add-user form's customer changed: Teams' refresh-form Action.Execute, Slack's dispatch_action in the modal. */
  | { customerChosen: Record<string, string> };

export interface EntryPoint {
  name: EntryPointName;
  sim: SimControl;
  withStore<T>(use: (store: Store) => Promise<T>): Promise<T>;
  /** The identity m365ops knows `asker` by on this entry point (what a request it makes records as its requester). */
  identityOf(asker: Asker): string;
  /** Sends as `asker` and answers, once the answer is there, everything the requester was shown. */
  send(asker: Asker, input: Input): Promise<string>;
  /** Cards redrawn in place so far (Teams: an activity updated; Slack: chat.update): which message, and what it shows. */
  cardUpdates?(): { message: string; shown: string }[];
  close(): Promise<void>;
}

export const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';

export async function startTeams(): Promise<EntryPoint> {
  // The demo configuration with people.admin, people.approver and people.helpdesk; people.stranger has no role.
  const h = await startAppHarness({ workingCardAfterMs: 60_000 });
  const users = { none: people.stranger, helpdesk: people.helpdesk, approver: people.approver, admin: people.admin };
  return {
    name: 'Teams',
    sim: h.app.simulator!.control,
    withStore: (use) => use(h.app.store),
    identityOf: (asker) => `teams:${users[asker].aadObjectId}`,
    async send(asker, input) {
      const before = h.connector.recorded.length;
      const base = personalMessage(h.connector.serviceUrl, 'text' in input ? input.text : '', users[asker]);
      const activity =
        'text' in input
          ? base
          : 'button' in input
            ? cardAction(base, input.button.verb, input.button.data)
            : 'customerChosen' in input
              ? cardAction(base, 'refresh-form', { form: 'add-user', ...input.customerChosen })
              : cardAction(base, 'submit-form', { form: 'add-user', ...input.form });
      // The turn ends once the answer is sent (no "working…" card within a minute).
      const response = await h.post(activity);
      return JSON.stringify([response.body, h.connector.recorded.slice(before).map((sent) => sent.body)]);
    },
    cardUpdates: () =>
      h.connector.recorded
        .filter((sent) => sent.operation === 'update')
        .map((sent) => ({ message: String(sent.activityId), shown: JSON.stringify(sent.body) })),
    close: () => h.close(),
  };
}

const slackUsers: Record<Asker, string> = {
  none: 'UNOROLE01',
  helpdesk: 'UHELPDSK1',
  approver: 'UAPPROVE1',
  admin: 'UADMIN001',
};

export async function startSlack(): Promise<EntryPoint> {
  // Answers in one piece: no "working…" to wait past (startSlackDemo's timings).
  const demo = await startSlackDemo({
    [slackUsers.helpdesk]: 'helpdesk',
    [slackUsers.approver]: 'approver',
    [slackUsers.admin]: 'admin',
  });
  const { h, app: m365ops } = demo;
  let sent = 0;
  return {
    name: 'Slack',
    sim: m365ops.simulator!.control,
    withStore: (use) => use(m365ops.store),
    identityOf: (asker) => slackIdentityOf(slackUsers[asker]),
    async send(asker, input) {
      sent += 1;
      const userId = slackUsers[asker];
      const responseId = `matrix-${sent}`;
      const before = h.slack.calls.length;
      let answer: string;
      if ('form' in input) {
        // A modal submission is answered in the HTTP response (within a minute here).
        const values = Object.fromEntries(
          Object.entries(input.form).map(([field, value]) => [field, modalValue(value)]),
        );
        const payload = viewSubmissionPayload({ view: addUserModal, viewId: `VMATRIX${sent}`, userId, values });
        answer = (await h.interact(payload)).text;
      } else if ('customerChosen' in input) {
        const values = Object.fromEntries(
          Object.entries(input.customerChosen).map(([field, value]) => [field, { kind: 'select' as const, value }]),
        );
        const viewId = `VMATRIX${sent}`;
        const chosen = input.customerChosen.customerId ?? '';
        const payload = viewSelectPayload({
          view: addUserModal,
          viewId,
          userId,
          blockId: 'customerId',
          selected: chosen,
          values,
        });
        answer = (await h.interact(payload)).text;
        await h.slack.waitFor('views.update', (call) => call.args.view_id === viewId, 20_000);
      } else {
        const posted =
          'text' in input
            ? await h.command(input.text, { userId, responseId })
            : await h.interact(
                blockActionsPayload({
                  button: { action_id: input.button.verb, value: JSON.stringify(input.button.data) },
                  userId,
                  responseUrl: h.slack.responseUrl(responseId),
                }),
              );
        answer = posted.text;
        await waitForAnswer(h.slack, { userId, responseId, after: before });
      }
      return `${answer}${JSON.stringify(h.slack.calls.slice(before).map((call) => call.args))}`;
    },
    cardUpdates: () =>
      h.slack.calls
        .filter((call) => call.method === 'chat.update')
        .map((call) => ({ message: String(call.args.ts), shown: JSON.stringify(call.args) })),
    close: () => demo.close(),
  };
}

/**
 * Slack acks at once and answers later: through the response_url, privately to the requester (a refused click),
 * as a message the bot posts (a listing, an operation's steps), or, for a decision, by updating the channel's card for everyone. Whichever comes first is the answer; the
 * stand-in's calls are looked at as they arrive (one waiter per kind would outlive the test).
 */
async function waitForAnswer(
  slack: SlackApiStandIn,
  expected: { userId: string; responseId: string; after: number },
): Promise<void> {
  const isAnswer = (call: RecordedSlackCall) =>
    (call.method === 'response_url' && call.responseId === expected.responseId) ||
    // A temporary password follows its answer privately, possibly late, after the next command was sent: never an
    // answer itself.
    (call.method === 'chat.postEphemeral' &&
      call.args.user === expected.userId &&
      !String(call.args.text ?? '').startsWith('Temporary password for')) ||
    // A form opened by a command: its modal, or the refusal in its place.
    (call.method === 'views.update' &&
      String((call.args.view as { callback_id?: string })?.callback_id ?? '') !== '') ||
    (call.method === 'views.update' && JSON.stringify(call.args).includes('Not done')) ||
    // A `discrepancies` listing, and an operation run as tracked steps, are messages the bot posts so it can redraw
    // them (chat.update) as decisions are taken or steps finish.
    (call.method === 'chat.postMessage' && !String(call.args.text ?? '').startsWith('Temporary password for')) ||
    call.method === 'chat.update';
  const deadline = Date.now() + 20_000;
  while (!slack.calls.slice(expected.after).some(isAnswer)) {
    if (Date.now() > deadline)
      throw new Error(`Slack got no answer within 20 s: ${JSON.stringify(slack.calls.slice(expected.after))}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The add-user modal as m365ops opens it, as far as a submission carries it back. */
const addUserModal = {
  type: 'modal',
  callback_id: 'form:add-user',
  title: { type: 'plain_text', text: 'Add a user' },
  submit: { type: 'plain_text', text: 'Add' },
  close: { type: 'plain_text', text: 'Cancel' },
  private_metadata: JSON.stringify({ channelId: 'C0HELPDESK' }),
  blocks: [],
} satisfies SlackView;

/** Text inputs and selects read back the same; a toggle is a checkbox. */
function modalValue(value: string | boolean) {
  return typeof value === 'boolean' ? { kind: 'checkbox' as const, checked: value } : { kind: 'text' as const, value };
}

/** The CLI against a simulator of its own (as `npm run sim` prints its values), one process per command. */
export async function startCli(): Promise<EntryPoint> {
  const simulator = await startSimulator();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-matrix-cli-'));
  const env = cliEnvForSimulator(simulator, dataDir);
  return {
    name: 'CLI',
    sim: simulator.control,
    identityOf: () => `cli:${currentUsername()}`,
    async withStore(use) {
      // Between runs only: the embedded store is one process's at a time.
      const store = await openStore({ dataDir });
      try {
        return await use(store);
      } finally {
        await store.close();
      }
    },
    async send(asker, input) {
      if (asker !== 'admin' || !('text' in input)) throw new Error('The CLI types commands as the local operator.');
      const run = await runCliProcess([input.text], env);
      return `exit ${run.code}\n${run.stdout}${run.stderr}`;
    },
    async close() {
      await simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
