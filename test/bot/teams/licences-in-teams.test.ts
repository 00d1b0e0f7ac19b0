/**
 * `licences` and `report licences` in Teams, through /api/messages against the real m365ops (the demo's simulated
 * tenants): valid Adaptive Cards; the report, which a bot cannot hand Teams as a file outside the file-consent flow,
 * shown as monospace text runs with a line saying so.
 */
import { validateAdaptiveCard } from '../../support/validate-adaptive-card';
import { type AppHarness, startAppHarness } from './app-harness';
import { people, personalMessage } from './teams-activities';

let h: AppHarness;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000 });
});

afterAll(async () => {
  await h?.close();
});

/** Teams shows a TextBlock's Markdown escapes as the characters they escape. */
function shown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

// biome-ignore lint/suspicious/noExplicitAny: cards are free-form JSON
async function say(text: string): Promise<any[]> {
  const before = h.connector.recorded.length;
  const response = await h.post(personalMessage(h.connector.serviceUrl, text, people.helpdesk));
  expect(response.status).toBe(200);
  const sent = h.connector.recorded.slice(before).filter((a) => a.body?.type === 'message' && a.status < 300);
  const cards = sent.map((a) => a.body.attachments?.[0]?.content).filter(Boolean);
  for (const card of cards) expect(validateAdaptiveCard(card)).toEqual([]);
  return cards;
}

it('shows per licence what is bought, assigned, free and who holds it, as facts', async () => {
  const [card] = await say('licences contoso');
  const json = shown(JSON.stringify(card));
  expect(card.body[0].text).toBe('Licences of Contoso Ltd');
  expect(json).toContain('"text":"Microsoft 365 Business Premium (SPB)"');
  expect(json).toContain('{"title":"Bought","value":"40"}');
  expect(json).toMatch(/\{"title":"Held by","value":"not managed by m365ops \d+"\}/);
});

it('lists every customer in a line with licences all', async () => {
  const [card] = await say('licences all');
  const json = shown(JSON.stringify(card));
  expect(card.body[0].text).toMatch(/^Licences of \d+ customers/);
  expect(json).toContain('Contoso Ltd (contoso)');
  expect(json).toContain('"title":"Not managed by m365ops"');
});

it('shows the report as text, line by line, and says why it is not a file', async () => {
  const [card] = await say('report licences contoso');
  const json = JSON.stringify(card);
  const month = new Date().toISOString().slice(0, 7);
  expect(shown(json)).toContain(`Teams cannot receive licences-contoso-${month}.csv from m365ops here`);
  expect(json).toContain(
    '"type":"TextRun","text":"customer,user,plan,SKUs,assigned since,removed on","fontType":"Monospace"',
  );
});
