/**
 * Cheap denial of service, over HTTP as an attacker would try it: huge message texts are refused at once with a
 * sentence, and bodies the server cannot read get 413 / 400 with a short answer, not a 500 and a logged stack.
 */

import { captureLogs, errorLevel, type LogLine } from '../../support/captured-logger';
import { type AppHarness, startAppHarness } from './app-harness';
import { people, personalConversationId, personalMessage } from './teams-activities';

let h: AppHarness;
let logs: LogLine[];

beforeAll(async () => {
  const captured = captureLogs();
  logs = captured.lines;
  h = await startAppHarness({ workingCardAfterMs: 10_000, logger: captured.logger });
});

afterAll(async () => {
  await h?.close();
});

/** Sends a message as the helpdesk person and returns the text of the cards the bot posted in answer. */
async function say(text: string): Promise<string> {
  const before = h.connector.recorded.length;
  const response = await h.post(personalMessage(h.connector.serviceUrl, text, people.helpdesk));
  expect(response.status).toBe(200);
  const cards = h.connector
    .messages(personalConversationId)
    .filter((activity) => h.connector.recorded.indexOf(activity) >= before)
    .map((activity) => activity.body.attachments?.[0]?.content);
  return JSON.stringify(cards);
}

function errorsWithStacks(): LogLine[] {
  return logs.filter((line) => line.level >= errorLevel || line.err?.stack !== undefined);
}

async function postRaw(body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${h.http.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('message length', () => {
  it('answers a message of a million characters with the length limit', async () => {
    const text = await say('x'.repeat(1_000_000));
    expect(text).toContain('That command is 1,000,000 characters long; the limit is 4,000.');
    expect(text.length).toBeLessThan(5_000);
  });

  it('answers a million unclosed < with the length limit (no markup scan per character)', async () => {
    const text = await say('<'.repeat(1_000_000));
    expect(text).toContain('That command is 1,000,000 characters long; the limit is 4,000.');
  });

  it('cuts a long unknown command it repeats, saying how long it was', async () => {
    const word = 'y'.repeat(3_000);
    const text = await say(word);
    expect(text).toContain(`${'y'.repeat(60)}…(3,000 characters)`);
    expect(text).not.toContain('y'.repeat(61));
  });
});

describe('request bodies', () => {
  it('answers a body that is not JSON with 400 and a short sentence, logging no error', async () => {
    const before = logs.length;
    const response = await postRaw('{"type": "message", "text": ');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({ error: 'The request body is not valid JSON.' });
    expect(errorsWithStacks().filter((line) => logs.indexOf(line) >= before)).toEqual([]);
  });

  it.each([
    ['{}', 'type'],
    ['[]', 'type'],
    ['{"type": "message", "text": "help"}', 'serviceUrl'],
    ['{"type": "message", "serviceUrl": "http://127.0.0.1:9/", "conversation": {}}', 'conversation.id'],
  ])('answers %s, which is not an activity, with 400 naming what it lacks, logging no error', async (body, missing) => {
    const before = logs.length;
    const response = await postRaw(body);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({
      error: `The request body is not a Bot Framework activity: it has no ${missing}.`,
    });
    expect(errorsWithStacks().filter((line) => logs.indexOf(line) >= before)).toEqual([]);
  });

  it('answers a body over 1 MB with 413 and a short sentence, logging no error', async () => {
    const before = logs.length;
    const activity = personalMessage(h.connector.serviceUrl, 'x'.repeat(2_000_000), people.helpdesk);
    const response = await postRaw(JSON.stringify(activity));
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text)).toEqual({
      error: 'The request body is larger than this route accepts (at most 1,048,576 bytes).',
    });
    expect(errorsWithStacks().filter((line) => logs.indexOf(line) >= before)).toEqual([]);
  });
});
