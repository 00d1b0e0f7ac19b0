/**
 * `notify here` moving a customer's channel in Slack (issue 12 items 5 and 12): the open discrepancies are posted
 * again in the new channel as the digest with its per-kind buttons (chat.postMessage), the old digest is updated in
 * place (chat.update) to say where they went with its buttons gone, a click still made on the old card is told
 * where the discrepancy lives now, and decisions on the new card work.
 */
import type { App } from '../../../bot/server/app';
import type { RunningHttpServer } from '../../../bot/server/http-server';
import type { RecordedSlackCall, SlackApiStandIn } from '../../support/slack-api-stand-in';
import { interactionBody, postSignedSlackBody, slashCommandBody } from '../../support/slack-signed-requests';
import { addUnmanagedUsers } from '../../support/unmanaged-users';
import { type SlackApp, startSlackApp } from './slack-app-harness';
import { blockActionsPayload, findButton } from './slack-payloads';

const signingSecret = 'move-signing-secret-0123456789abcdef';
const oldChannel = { id: 'C0HELPDESK', name: 'helpdesk' };
const newChannel = { id: 'C0FABRIKAM', name: 'fabrikam-alerts' };
const people = { admin: 'UADMIN001', approver: 'UAPPROV01', helpdesk: 'UHELPDSK1' };

let running: SlackApp;
let app: App;
let http: RunningHttpServer;
let slack: SlackApiStandIn;
let sent = 0;
let oldDigest: RecordedSlackCall;
let oldDigestTs: string;
let moveAnswer: RecordedSlackCall;

const text = (call: RecordedSlackCall) => JSON.stringify(call.args);

beforeAll(async () => {
  running = await startSlackApp({
    signingSecret,
    roles: [
      [people.admin, 'admin'],
      [people.approver, 'approver'],
      [people.helpdesk, 'helpdesk'],
    ],
  });
  ({ app, http, slack } = running);
  addUnmanagedUsers(app, 'moved');
  await say('notify here fabrikam', people.admin, oldChannel);
  await say('sync fabrikam', people.helpdesk, oldChannel);
  oldDigest = digestIn(oldChannel.id);
  oldDigestTs = await postedTs();
  moveAnswer = await say('notify here fabrikam', people.admin, newChannel);
}, 60_000);

afterAll(async () => {
  await running?.close();
});

/** Sends `/m365 <text>` in `channel` and returns its answer through the response_url (not "working…"). */
async function say(commandText: string, userId: string, channel: typeof oldChannel): Promise<RecordedSlackCall> {
  sent += 1;
  const responseId = `cmd-${sent}`;
  const body = slashCommandBody({
    text: commandText,
    userId,
    channelId: channel.id,
    channelName: channel.name,
    responseUrl: slack.responseUrl(responseId),
  });
  const response = await postSignedSlackBody(`${http.url}/slack/events`, signingSecret, body);
  expect(response.status).toBe(200);
  return slack.waitFor(
    'response_url',
    (call) => call.responseId === responseId && !text(call).includes('Working…'),
    20_000,
  );
}

/** The digest most recently posted into `channelId`. */
function digestIn(channelId: string): RecordedSlackCall {
  const posted = slack.calls.filter(
    (call) =>
      call.method === 'chat.postMessage' && call.args.channel === channelId && text(call).includes('Approve all'),
  );
  return posted.at(-1)!;
}

/** The ts fabrikam's discrepancies are posted at now (the digest's): the one chat.update names. */
async function postedTs(): Promise<string> {
  const [first] = await app.store.discrepancies.listOpen('fabrikam');
  return String(first?.messageRef?.ref.ts);
}

async function click(message: RecordedSlackCall, title: string | RegExp, userId: string, channelId: string) {
  sent += 1;
  const payload = blockActionsPayload({
    button: findButton(message.args.blocks, title),
    userId,
    channelId,
    responseUrl: slack.responseUrl(`click-${sent}`),
  });
  const response = await postSignedSlackBody(`${http.url}/slack/events`, signingSecret, interactionBody(payload));
  expect(response.status).toBe(200);
}

describe('notify here moving the channel in Slack', () => {
  it('says the open discrepancies are posted in the new channel and the old card says so', () => {
    expect(text(moveAnswer)).toContain('notifications now go to fabrikam-alerts');
    expect(text(moveAnswer)).toContain('It moved from helpdesk.');
    expect(text(moveAnswer)).toContain('13 open discrepancies are posted here.');
    expect(text(moveAnswer)).toContain('The card in helpdesk now says where its discrepancies went.');
  });

  it('posts the digest again in the new channel with its per-kind buttons', () => {
    const digest = digestIn(newChannel.id);
    expect(digest).toBeDefined();
    expect(() => findButton(digest.args.blocks, 'Approve all 13: Not managed by m365ops')).not.toThrow();
    expect(() => findButton(digest.args.blocks, /^Adopt under/)).not.toThrow();
  });

  it('updates the old digest in place (chat.update) to say where it went, its buttons gone', () => {
    const update = slack.calls
      .filter((call) => call.method === 'chat.update' && call.args.channel === oldChannel.id)
      .at(-1)!;
    expect(update).toBeDefined();
    expect(update.args.ts).toBe(oldDigestTs);
    expect(text(update)).toContain('Moved to fabrikam-alerts');
    expect(text(update)).toContain('discrepancies fabrikam');
    expect(text(update)).not.toContain('"type":"button"');
  });

  it('tells a click still made on the old card where the discrepancy lives now, and changes nothing', async () => {
    const before = slack.calls.length;
    await click(oldDigest, /^Adopt under/, people.approver, oldChannel.id);
    const note = await slack.waitFor(
      'chat.postEphemeral',
      (call) => slack.calls.indexOf(call) >= before && text(call).includes('This card moved to fabrikam-alerts'),
      20_000,
    );
    expect(note.args.user).toBe(people.approver);
    const open = await app.store.discrepancies.listOpen('fabrikam');
    expect(open.filter((d) => d.status === 'open')).toHaveLength(13);
  });

  it('decides from the new card, updating it in place for everyone', async () => {
    const before = slack.calls.length;
    await click(digestIn(newChannel.id), /^Adopt under/, people.approver, newChannel.id);
    const update = await slack.waitFor(
      'chat.update',
      (call) => slack.calls.indexOf(call) >= before && call.args.channel === newChannel.id,
      20_000,
    );
    expect(text(update)).toMatch(/Approved by/);
    const open = await app.store.discrepancies.listOpen('fabrikam');
    expect(open.filter((d) => d.status === 'open')).toHaveLength(12);
  });

  it('names the customers when notify here is said without one', async () => {
    const answer = await say('notify here', people.admin, newChannel);
    expect(answer.args.response_type).toBe('ephemeral');
    expect(text(answer)).toContain('needs the customer id. The customers are contoso, fabrikam, northwind.');
  });
});
