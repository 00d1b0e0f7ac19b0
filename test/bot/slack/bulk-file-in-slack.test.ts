/**
 * A CSV file shared with the app in Slack, through signed Events API callbacks on POST /slack/events against the
 * real m365ops (the demo's simulated tenants): the file_share message names the file, m365ops asks files.info and
 * reads `url_private_download` from the Slack stand-in with the bot token, and the preview is posted in the
 * conversation the file was shared in, exactly as for a CSV pasted after `bulk`. Other files are left alone.
 */
import type { App } from '../../../bot/server/app';
import type { RecordedSlackCall, StandInFile } from '../../support/slack-api-stand-in';
import { testSlackTeamId } from '../../support/slack-identities';
import { type SlackDemo, startSlackDemo } from './slack-demo';
import type { SlackHarness } from './slack-harness';
import { blockActionsPayload, findButton } from './slack-payloads';

const helpdesk = 'UHELPDSK1';
const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const csv = [
  'action,upn,plan,location',
  'add,yan.file@contoso.com,business-basic,GB',
  'add,zoe.file@contoso.com,business-basic,GB',
].join('\n');
let h: SlackHarness;
let app: App;
let shares = 0;

let demo: SlackDemo;

beforeAll(async () => {
  demo = await startSlackDemo({ [helpdesk]: 'helpdesk' });
  ({ h, app } = demo);
}, 60_000);

afterAll(async () => {
  await demo?.close();
});

/** The message event Slack sends when `user` shares `file` (api.slack.com/events/message/file_share). */
function fileShareEvent(
  file: StandInFile,
  where: { user?: string; channel: string; channelType?: string; text?: string; botId?: string },
): Record<string, unknown> {
  shares += 1;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(shares).padStart(6, '0')}`;
  return {
    type: 'message',
    subtype: 'file_share',
    text: where.text ?? '',
    files: [
      {
        ...file,
        created: Math.floor(Date.now() / 1000),
        timestamp: Math.floor(Date.now() / 1000),
        pretty_type: file.filetype.toUpperCase(),
        user_team: testSlackTeamId,
        editable: false,
        is_external: false,
        external_type: '',
        is_public: false,
        public_url_shared: false,
        display_as_bot: false,
        username: '',
        permalink: `https://msp-helpdesk.slack.com/files/${file.user}/${file.id}/${file.name}`,
        has_rich_preview: false,
        file_access: 'visible',
      },
    ],
    upload: true,
    user: where.user ?? helpdesk,
    display_as_bot: false,
    ...(where.botId ? { bot_id: where.botId } : {}),
    ts,
    channel: where.channel,
    channel_type: where.channelType ?? (where.channel.startsWith('D') ? 'im' : 'channel'),
    event_ts: ts,
  };
}

async function share(file: StandInFile, where: Parameters<typeof fileShareEvent>[1]): Promise<void> {
  const response = await h.event(fileShareEvent(file, where));
  expect(response.status).toBe(200);
}

/**
 * Waits until the shares sent before are handled: each event is acked before its listener runs, and a share that
 * is left alone is decided without a call to Slack, so a later share answered means the earlier ones were seen.
 */
async function markHandled(channel: string): Promise<void> {
  const marker = h.slack.addFile({ name: `${channel}.csv`, content: csv, user: helpdesk });
  await share(marker, { channel });
  await h.slack.waitFor('chat.postEphemeral', inChannel(channel));
}

const inChannel = (channel: string) => (call: RecordedSlackCall) => call.args.channel === channel;
const textOf = (call: RecordedSlackCall) => JSON.stringify(call.args.blocks ?? call.args.text);

it('previews a CSV shared in the app’s DM, read with the bot token, and runs it on Run', async () => {
  const file = h.slack.addFile({ name: 'new-starters.csv', content: csv, user: helpdesk });
  await share(file, { channel: 'D0HELPDSK' });

  const preview = await h.slack.waitFor('chat.postEphemeral', inChannel('D0HELPDSK'));
  expect(preview.args.user).toBe(helpdesk);
  expect(textOf(preview)).toContain('Row 3: add zoe.file@contoso.com → create');
  expect(h.slack.callsTo('files.info').map((call) => call.args.file)).toContain(file.id);
  const download = await h.slack.waitFor('file_download', (call) => call.responseId === file.id);
  expect(download.authorization).toBe(`Bearer ${h.slack.botToken}`);
  expect(download.status).toBe(200);
  expect(app.simulator!.control.getUser(contosoTenantId, 'yan.file@contoso.com')).toBeNull();

  await h.interact(
    blockActionsPayload({
      button: findButton(preview.args.blocks, 'Run 2 rows'),
      userId: helpdesk,
      responseUrl: h.slack.responseUrl('file-run-1'),
      ephemeral: true,
    }),
  );
  const upload = await h.slack.waitFor('file_upload', (call) => call.raw.includes('yan.file@contoso.com'));
  expect(upload.raw).toContain('2,add,yan.file@contoso.com,contoso,done,');
  expect(app.simulator!.control.getUser(contosoTenantId, 'zoe.file@contoso.com')).not.toBeNull();
});

it('previews a CSV shared in a channel with “@m365ops bulk”, to the sharer in that channel', async () => {
  const file = h.slack.addFile({ name: 'term.csv', content: csv.replaceAll('.file@', '.chan@'), user: helpdesk });
  await share(file, { channel: 'C0BULKCHAN', text: `<@${h.slack.botUserId}> bulk` });
  const preview = await h.slack.waitFor('chat.postEphemeral', inChannel('C0BULKCHAN'));
  expect(preview.args.user).toBe(helpdesk);
  expect(textOf(preview)).toContain('Row 2: add yan.chan@contoso.com → create');
});

it('leaves a file that is not CSV alone, and a CSV shared with other words', async () => {
  const picture = h.slack.addFile({ name: 'whiteboard.png', content: 'not really a png', mimetype: 'image/png' });
  await share(picture, { channel: 'C0CHATTER1' });
  const report = h.slack.addFile({ name: 'report.csv', content: csv, user: helpdesk });
  await share(report, { channel: 'C0CHATTER1', text: 'numbers for the meeting' });
  await markHandled('C0MARKER01');

  const touched = h.slack.calls.filter(
    (call) =>
      call.args.channel === 'C0CHATTER1' ||
      call.args.file === picture.id ||
      call.args.file === report.id ||
      call.responseId === picture.id ||
      call.responseId === report.id,
  );
  expect(touched).toEqual([]);
});

it('refuses a file that is not CSV when it is shared with `bulk`', async () => {
  const sheet = h.slack.addFile({ name: 'users.xlsx', content: 'PK…', filetype: 'xlsx' });
  await share(sheet, { channel: 'D0HELPDSK', text: 'bulk' });
  const refusal = await h.slack.waitFor('chat.postEphemeral', (call) => textOf(call).includes('users.xlsx'));
  expect(textOf(refusal)).toContain('users.xlsx is not a CSV file');
  expect(h.slack.calls.filter((call) => call.responseId === sheet.id)).toEqual([]);
});

it('refuses a CSV over 5 MB, naming the limit, without downloading it', async () => {
  const line = 'add,someone@contoso.com,business-basic,GB\n';
  const big = `action,upn,plan,location\n${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length) + 1)}`;
  const file = h.slack.addFile({ name: 'everyone.csv', content: big, user: helpdesk });
  await share(file, { channel: 'D0HELPDSK' });
  const refusal = await h.slack.waitFor('chat.postEphemeral', (call) => textOf(call).includes('everyone.csv'));
  expect(textOf(refusal)).toContain('everyone.csv is over the limit of 5 MB');
  expect(h.slack.callsTo('file_download').filter((call) => call.responseId === file.id)).toEqual([]);
});

it('refuses `bulk` from a sharer without a role, and leaves their CSV dropped in a channel alone', async () => {
  const stranger = 'USTRANGER';
  const asked = h.slack.addFile({ name: 'mine.csv', content: csv, user: stranger });
  await share(asked, { channel: 'C0OPEN0001', user: stranger, text: 'bulk' });
  const refusal = await h.slack.waitFor('chat.postEphemeral', inChannel('C0OPEN0001'));
  expect(refusal.args.user).toBe(stranger);
  expect(textOf(refusal)).toContain('needs the helpdesk role');
  expect(textOf(refusal)).not.toContain('Row 2');

  const dropped = h.slack.addFile({ name: 'budget.csv', content: csv, user: stranger });
  await share(dropped, { channel: 'C0OPEN0002', user: stranger });
  await markHandled('C0MARKER02');
  expect(h.slack.calls.filter((call) => call.args.channel === 'C0OPEN0002')).toEqual([]);
});

it('ignores the files bots share (m365ops’ own results files included), and a share Slack delivers twice', async () => {
  const results = h.slack.addFile({ name: 'results.csv', content: csv, user: h.slack.botUserId });
  await share(results, { channel: 'C0BOTPOSTS', user: h.slack.botUserId, botId: h.slack.botId });
  const file = h.slack.addFile({ name: 'twice.csv', content: csv.replaceAll('.file@', '.twice@'), user: helpdesk });
  const event = fileShareEvent(file, { channel: 'C0TWICE001' });
  expect((await h.event(event)).status).toBe(200);
  const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
  expect((await h.event(event, { headers: retry })).status).toBe(200);
  await markHandled('C0MARKER03');
  expect(h.slack.calls.filter((call) => call.args.channel === 'C0BOTPOSTS' || call.args.file === results.id)).toEqual(
    [],
  );
  // A second delivery read would ask files.info again long before the marker's preview is posted.
  expect(h.slack.callsTo('files.info').filter((call) => call.args.file === file.id)).toHaveLength(1);
  expect(h.slack.callsTo('chat.postEphemeral').filter(inChannel('C0TWICE001'))).toHaveLength(1);
});

it('says what Slack refused when the file cannot be described', async () => {
  const file = h.slack.addFile({ name: 'scoped.csv', content: csv, user: helpdesk });
  h.slack.failNext('files.info', { error: 'missing_scope' });
  await share(file, { channel: 'D0HELPDSK', text: 'bulk' });
  const refusal = await h.slack.waitFor('chat.postEphemeral', (call) => textOf(call).includes('scoped.csv'));
  expect(textOf(refusal)).toContain('Slack answered missing_scope');
  expect(textOf(refusal)).toContain('manifest/slack-app.yaml');
});

it('sends the bot token to Slack alone: a download link elsewhere is not followed', async () => {
  const file = h.slack.addFile({
    name: 'elsewhere.csv',
    content: csv,
    user: helpdesk,
    downloadUrl: 'https://files.example.net/download/elsewhere.csv',
  });
  await share(file, { channel: 'D0HELPDSK' });
  const refusal = await h.slack.waitFor('chat.postEphemeral', (call) => textOf(call).includes('elsewhere.csv'));
  expect(textOf(refusal)).toContain('outside Slack; m365ops did not follow it');
});

it('serves a shared file only with the bot token, like Slack', async () => {
  const file = h.slack.addFile({ name: 'private.csv', content: csv });
  expect((await fetch(file.url_private_download)).status).toBe(403);
  const wrong = await fetch(file.url_private_download, { headers: { authorization: 'Bearer xoxb-someone-else' } });
  expect(wrong.status).toBe(403);
  const missing = file.url_private_download.replace(file.id, 'F99999999');
  expect((await fetch(missing, { headers: { authorization: `Bearer ${h.slack.botToken}` } })).status).toBe(404);
  const right = await fetch(file.url_private_download, { headers: { authorization: `Bearer ${h.slack.botToken}` } });
  expect(await right.text()).toBe(csv);
});

it('runs a 200-row CSV file under Graph throttling: exactly 200 outcomes, a results file, passwords only privately', async () => {
  const sim = app.simulator!.control;
  sim.setSkuUnits(contosoTenantId, 'O365_BUSINESS_ESSENTIALS', 300);
  // Bought in the portal: m365ops sees it at its next read of the SKUs (cached for a minute).
  await app.runtime.skus.refresh(contosoTenantId);
  const upns = Array.from({ length: 200 }, (_, index) => `slack.many${index}@contoso.com`);
  const content = ['action,upn,plan,location', ...upns.map((upn) => `add,${upn},business-basic,GB`)].join('\n');
  const file = h.slack.addFile({ name: 'many.csv', content, user: helpdesk });
  sim.setFaults({ throttleEvery: 7, retryAfterSeconds: 0.01 });
  try {
    await share(file, { channel: 'D0MANYROWS' });
    const preview = await h.slack.waitFor('chat.postEphemeral', inChannel('D0MANYROWS'));
    expect(textOf(preview)).toContain('200 rows: 200 to run, 0 refused.');
    await h.interact(
      blockActionsPayload({
        button: findButton(preview.args.blocks, 'Run 200 rows'),
        userId: helpdesk,
        responseUrl: h.slack.responseUrl('file-run-200'),
        ephemeral: true,
      }),
    );
    const upload = await h.slack.waitFor('file_upload', (call) => call.raw.includes('slack.many0@contoso.com'));
    const results = upload.raw.trim().split('\r\n').slice(1);
    expect(results).toHaveLength(200);
    expect(results.every((line) => /,contoso,done,/.test(line))).toBe(true);
    expect(upload.raw).not.toContain('temporaryPassword');
    const secret = await h.slack.waitFor('chat.postEphemeral', (call) =>
      JSON.stringify(call.args).includes('slack.many199@contoso.com,'),
    );
    expect(secret.args.user).toBe(helpdesk);
  } finally {
    sim.clearFaults();
  }
  expect(sim.listUsers(contosoTenantId).filter((user) => user.userPrincipalName.startsWith('slack.many'))).toHaveLength(
    200,
  );
}, 120_000);
