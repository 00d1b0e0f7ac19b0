/**
 * `bulk` in a Teams personal chat, through /api/messages against the demo tenants: the template offered as a file,
 * a pasted CSV previewed on a card with its Confirm button, the click running the rows once, the new users'
 * passwords only in the personal chat, and the results offered as a file.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppHarness } from './app-harness';
import { startAppHarness } from './app-harness';
import { cardAction, people, personalMessage } from './teams-activities';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const fileConsent = 'application/vnd.microsoft.teams.card.file.consent';

let h: AppHarness;
/** Stands in for the download URL Teams hands the bot for a file sent in a personal chat. */
let files: Server;
const served = new Map<string, string>();

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000 });
  files = createServer((req, res) => {
    const body = served.get(req.url ?? '');
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/csv' }).end(body);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await h?.close();
  await new Promise<void>((resolve) => files?.close(() => resolve()));
});

// biome-ignore lint/suspicious/noExplicitAny: activities are free-form JSON
type Sent = { attachments: any[]; text: string };

/** What the bot sent to the connector while `act` ran. */
async function sentDuring(act: () => Promise<unknown>): Promise<Sent[]> {
  const before = h.connector.recorded.length;
  await act();
  return h.connector.recorded
    .slice(before)
    .filter((sent) => sent.body?.type === 'message')
    .map((sent) => ({ attachments: sent.body.attachments ?? [], text: JSON.stringify(sent.body) }));
}

const say = (text: string) => sentDuring(() => h.post(personalMessage(h.connector.serviceUrl, text, people.helpdesk)));

it('offers bulk template as a file in the personal chat', async () => {
  const sent = await say('bulk template');
  const consent = sent.flatMap((message) => message.attachments).find((a) => a.contentType === fileConsent);
  expect(consent).toMatchObject({
    name: 'm365ops-bulk-template.csv',
    content: { acceptContext: { again: 'bulk template' } },
  });
});

it('previews a pasted CSV, and its Confirm runs each row once, the passwords kept to the personal chat', async () => {
  const csv = [
    '```',
    'action,upn,plan,location',
    'add,tia.bulk@contoso.com,business-basic,GB',
    'add,ula.bulk@contoso.com,business-basic,GB',
    'add,vic.bulk@contoso.com,no-such-plan,GB',
    '```',
  ].join('\n');
  const [preview] = await say(`bulk\n${csv}`);
  expect(preview!.text).toContain('Row 2: add tia.bulk@contoso.com → create');
  expect(preview!.text).toContain('Row 4: add vic.bulk@contoso.com → refused');
  expect(h.app.simulator!.control.getUser(contosoTenantId, 'tia.bulk@contoso.com')).toBeNull();

  const found: { verb: string; data: Record<string, unknown> }[] = [];
  JSON.stringify(preview!.attachments[0].content, (_key, value) => {
    if (value?.type === 'Action.Execute' && value.title === 'Run 2 rows') found.push(value);
    return value;
  });
  expect(found).toHaveLength(1);
  const base = personalMessage(h.connector.serviceUrl, '', people.helpdesk);
  let answer = '';
  const sent = await sentDuring(async () => {
    const response = await h.post(cardAction(base, found[0]!.verb, found[0]!.data));
    answer = JSON.stringify(response.body.value);
  });
  const everything = answer + sent.map((message) => message.text).join('\n');
  expect(everything).toContain('2 done, 0 failed');
  expect(everything).toContain('upn,temporaryPassword');
  const consent = sent.flatMap((message) => message.attachments).find((a) => a.contentType === fileConsent);
  expect(consent?.name).toMatch(/^bulk-[A-Z0-9]+-results\.csv$/);
  expect(h.app.simulator!.control.getUser(contosoTenantId, 'tia.bulk@contoso.com')).not.toBeNull();

  // The same click again (a retry, a double click) runs nothing: the rows are done.
  const again = await h.post(cardAction(base, found[0]!.verb, found[0]!.data));
  expect(JSON.stringify(again.body.value)).toContain('2 done, 0 failed');
  expect(JSON.stringify(again.body.value)).not.toContain('temporaryPassword');
});

it('previews a CSV file sent in the personal chat, read from the link Teams gives', async () => {
  served.set('/users.csv', 'action,upn,plan,location\r\nadd,yan.bulk@contoso.com,business-basic,GB\r\n');
  const message = {
    ...personalMessage(h.connector.serviceUrl, '', people.helpdesk),
    text: undefined,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name: 'users.csv',
        content: {
          downloadUrl: `http://127.0.0.1:${(files.address() as AddressInfo).port}/users.csv`,
          uniqueId: 'file-1',
          fileType: 'csv',
        },
      },
    ],
  };
  const [preview] = await sentDuring(() => h.post(message));
  expect(preview!.text).toContain('Row 2: add yan.bulk@contoso.com → create');
  expect(preview!.text).toContain('Run 1 row');
});

it('refuses a file that is not CSV, naming it', async () => {
  const message = {
    ...personalMessage(h.connector.serviceUrl, '', people.helpdesk),
    text: undefined,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name: 'users.xlsx',
        content: { downloadUrl: 'https://contoso-my.sharepoint.com/users.xlsx', fileType: 'xlsx' },
      },
    ],
  };
  const [answer] = await sentDuring(() => h.post(message));
  expect(answer!.text).toContain('users.xlsx is not a CSV file');
});

it('runs a 200-row CSV file under Graph throttling: exactly 200 outcomes, a results file, passwords only privately', async () => {
  const sim = h.app.simulator!.control;
  sim.setSkuUnits(contosoTenantId, 'O365_BUSINESS_ESSENTIALS', 300);
  // Bought in the portal: m365ops sees it at its next read of the SKUs (cached for a minute).
  await h.app.runtime.skus.refresh(contosoTenantId);
  const upns = Array.from({ length: 200 }, (_, index) => `many.user${index}@contoso.com`);
  served.set(
    '/many.csv',
    ['action,upn,plan,location', ...upns.map((upn) => `add,${upn},business-basic,GB`)].join('\r\n'),
  );
  const message = {
    ...personalMessage(h.connector.serviceUrl, '', people.helpdesk),
    text: undefined,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name: 'many.csv',
        content: {
          downloadUrl: `http://127.0.0.1:${(files.address() as AddressInfo).port}/many.csv`,
          uniqueId: 'file-200',
          fileType: 'csv',
        },
      },
    ],
  };
  sim.setFaults({ throttleEvery: 7, retryAfterSeconds: 0.01 });
  try {
    const [preview] = await sentDuring(() => h.post(message));
    expect(preview!.text).toContain('200 rows: 200 to run, 0 refused.');
    const found: { verb: string; data: Record<string, unknown> }[] = [];
    JSON.stringify(preview!.attachments[0].content, (_key, value) => {
      if (value?.type === 'Action.Execute' && value.title === 'Run 200 rows') found.push(value);
      return value;
    });
    const base = personalMessage(h.connector.serviceUrl, '', people.helpdesk);
    let answer = '';
    const sent = await sentDuring(async () => {
      answer = JSON.stringify((await h.post(cardAction(base, found[0]!.verb, found[0]!.data))).body.value);
    });
    expect(answer).toContain('200 done, 0 failed');
    const consent = sent.flatMap((one) => one.attachments).find((a) => a.contentType === fileConsent);
    expect(consent?.name).toMatch(/^bulk-[A-Z0-9]+-results\.csv$/);
    // The passwords: one card in the personal chat, never in the card that replaced the preview.
    const secrets = sent.filter((one) => one.text.includes('upn,temporaryPassword'));
    expect(secrets).toHaveLength(1);
    expect(answer).not.toContain('temporaryPassword');
    for (const upn of upns) expect(secrets[0]!.text).toContain(upn);
  } finally {
    sim.clearFaults();
  }
  const created = sim.listUsers(contosoTenantId).filter((user) => user.userPrincipalName.startsWith('many.user'));
  expect(created).toHaveLength(200);
}, 120_000);
