/**
 * `licences` and `report licences` in Teams, through /api/messages against the real m365ops (the demo's simulated
 * tenants): valid Adaptive Cards. A report in a personal chat is offered as a file (a file-consent card; accepted, it
 * is drawn again and PUT to the upload URL Teams gives, then linked by a file-info card); in a channel, where a bot
 * cannot hand Teams a file, the card shows it as monospace text runs and says why.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateAdaptiveCard } from '../../support/validate-adaptive-card';
import { type AppHarness, startAppHarness } from './app-harness';
import { channelMessage, people, personalMessage, type TeamsActivity } from './teams-activities';

let h: AppHarness;
/** Stands in for the OneDrive upload session Teams hands the bot on accept. */
let oneDrive: Server;
let uploads: { method: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000 });
  oneDrive = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      uploads.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"drive-item-1"}');
    });
  });
  await new Promise<void>((resolve) => oneDrive.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await h?.close();
  await new Promise<void>((resolve) => oneDrive?.close(() => resolve()));
});

/** Teams shows a TextBlock's Markdown escapes as the characters they escape. */
function shown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

// biome-ignore lint/suspicious/noExplicitAny: activities and cards are free-form JSON
async function post(activity: TeamsActivity): Promise<{ cards: any[]; attachments: any[]; status: number }> {
  const before = h.connector.recorded.length;
  const response = await h.post(activity);
  const sent = h.connector.recorded.slice(before).filter((a) => a.body?.type === 'message' && a.status < 300);
  // biome-ignore lint/suspicious/noExplicitAny: attachments are free-form JSON
  const attachments = sent.flatMap((a) => (a.body.attachments ?? []) as any[]);
  const cards = attachments
    .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((attachment) => attachment.content);
  for (const card of cards) expect(validateAdaptiveCard(card)).toEqual([]);
  return { cards, attachments, status: response.status };
}

const say = (text: string) => post(personalMessage(h.connector.serviceUrl, text, people.helpdesk));
const month = new Date().toISOString().slice(0, 7);

it('shows per licence what is bought, assigned, free and who holds it, as facts', async () => {
  const [card] = (await say('licences contoso')).cards;
  const json = shown(JSON.stringify(card));
  expect(card.body[0].text).toBe('Licences of Contoso Ltd');
  expect(json).toContain('"text":"Microsoft 365 Business Premium (SPB)"');
  expect(json).toContain('{"title":"Bought","value":"40"}');
  expect(json).toMatch(/\{"title":"Held by","value":"\d+ not managed by m365ops"\}/);
});

it('lists every customer in a line with licences all', async () => {
  const [card] = (await say('licences all')).cards;
  const json = shown(JSON.stringify(card));
  expect(card.body[0].text).toMatch(/^Licences of \d+ customers/);
  expect(json).toContain('Contoso Ltd (contoso)');
  expect(json).toContain('"title":"Not managed by m365ops"');
});

it('shows the report as text in a channel, line by line, and says why it is not a file', async () => {
  const { cards } = await post(channelMessage(h.connector.serviceUrl, 'report licences contoso', people.helpdesk));
  const json = JSON.stringify(cards[0]);
  expect(shown(json)).toContain(`Teams cannot receive licences-contoso-${month}.csv from m365ops here`);
  expect(json).toContain(
    '"type":"TextRun","text":"customer,user,plan,SKUs,assigned since,removed on","fontType":"Monospace"',
  );
});

it('offers the report as a file in a personal chat and uploads it once accepted', async () => {
  const offered = await say('report licences contoso');
  expect(shown(JSON.stringify(offered.cards[0]))).toContain('Accept the file below to save it in your OneDrive.');
  const consent = offered.attachments.find(
    (attachment) => attachment.contentType === 'application/vnd.microsoft.teams.card.file.consent',
  );
  const name = `licences-contoso-${month}.csv`;
  expect(consent).toMatchObject({
    name,
    content: { acceptContext: { again: `report licences contoso month ${month}` } },
  });

  uploads = [];
  const uploadUrl = `http://127.0.0.1:${(oneDrive.address() as AddressInfo).port}/upload/session-1`;
  const accept: TeamsActivity = {
    ...personalMessage(h.connector.serviceUrl, '', people.helpdesk),
    id: `f:${randomUUID()}`,
    type: 'invoke',
    name: 'fileConsent/invoke',
    text: undefined,
    textFormat: undefined,
    value: {
      type: 'fileUpload',
      action: 'accept',
      context: consent.content.acceptContext,
      uploadInfo: {
        name,
        uploadUrl,
        contentUrl: 'https://contoso-my.sharepoint.com/personal/helpdesk/Documents/Applications/m365ops/report.csv',
        uniqueId: 'unique-1',
        fileType: 'csv',
      },
    },
  };
  const accepted = await post(accept);
  expect(accepted.status).toBe(200);
  expect(uploads).toHaveLength(1);
  expect(uploads[0]).toMatchObject({ method: 'PUT' });
  expect(uploads[0]!.body.startsWith('customer,user,plan,SKUs,assigned since,removed on\r\n')).toBe(true);
  const bytes = Buffer.byteLength(uploads[0]!.body);
  expect(uploads[0]!.headers['content-range']).toBe(`bytes 0-${bytes - 1}/${bytes}`);
  expect(accepted.attachments).toEqual([
    {
      contentType: 'application/vnd.microsoft.teams.card.file.info',
      name,
      contentUrl: 'https://contoso-my.sharepoint.com/personal/helpdesk/Documents/Applications/m365ops/report.csv',
      content: { uniqueId: 'unique-1', fileType: 'csv' },
    },
  ]);
});

it('says the file was not sent when it is declined, and refuses someone without a role', async () => {
  const context = { name: `licences-contoso-${month}.csv`, again: `report licences contoso month ${month}` };
  const invoke = (from: typeof people.helpdesk, action: string): TeamsActivity => ({
    ...personalMessage(h.connector.serviceUrl, '', from),
    id: `f:${randomUUID()}`,
    type: 'invoke',
    name: 'fileConsent/invoke',
    text: undefined,
    textFormat: undefined,
    value: { type: 'fileUpload', action, context, uploadInfo: { uploadUrl: 'http://127.0.0.1:9/never' } },
  });
  const declined = await post(invoke(people.helpdesk, 'decline'));
  expect(shown(JSON.stringify(declined.cards))).toContain(
    `licences-contoso-${month}.csv was not sent: you declined it.`,
  );
  uploads = [];
  const refused = await post(invoke(people.stranger, 'accept'));
  expect(shown(JSON.stringify(refused.cards))).toMatch(/needs the helpdesk role/);
  expect(uploads).toEqual([]);
});
