/**
 * The log a platform ingests: one line per command naming the request, the command, the customer, the tenant, the
 * outcome and how long it took, under the same request id as the HTTP request that carried it; and no secret in
 * any line, even at the most verbose level, while a user is added with a temporary password.
 */
import { type CapturedLogs, captureLogs } from '../../support/captured-logger';
import { type AppHarness, startAppHarness } from '../teams/app-harness';
import { people, personalMessage } from '../teams/teams-activities';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';

let h: AppHarness;
let logs: CapturedLogs;

beforeAll(async () => {
  logs = captureLogs('trace');
  h = await startAppHarness({ workingCardAfterMs: 60_000, logger: logs.logger });
}, 30_000);

afterAll(async () => {
  await h?.close();
});

/** The temporary password of `upn` as the secret card showed it to the requester. */
function shownPassword(upn: string): string {
  for (const sent of h.connector.recorded) {
    const card = sent.body?.attachments?.[0]?.content;
    if (!card || card.body?.[0]?.text !== `Temporary password for ${upn}`) continue;
    return card.body[1].inlines[0].text as string;
  }
  throw new Error(`No secret card for ${upn} was sent.`);
}

it('writes one line per command, and neither the temporary password nor the client secret anywhere', async () => {
  const upn = 'logs.jane@contoso.com';
  const response = await h.post(
    personalMessage(h.connector.serviceUrl, `add user ${upn} plan business-basic location GB`, people.helpdesk),
  );
  expect(response.status).toBe(200);
  const password = shownPassword(upn);
  expect(password.length).toBeGreaterThanOrEqual(12);

  const commands = logs.lines.filter((line) => line.msg === 'command');
  expect(commands).toHaveLength(1);
  expect(commands[0]).toMatchObject({
    command: 'add-user',
    origin: 'teams',
    customer: 'contoso',
    tenant: contosoTenantId,
    outcome: 'ok',
    ms: expect.any(Number),
    requestId: expect.any(String),
  });
  // The command's line and the HTTP request's line share the request id, and so do the Graph calls in between.
  const [request] = logs.lines.filter((line) => line.msg === 'request' && line.path === '/api/messages');
  expect(request?.requestId).toBe(commands[0]!.requestId);
  const graphCalls = logs.lines.filter((line) => line.msg === 'graph call');
  expect(graphCalls.length).toBeGreaterThan(0);
  for (const call of graphCalls) expect(call.requestId).toBe(commands[0]!.requestId);

  const everything = logs.lines.map((line) => JSON.stringify(line)).join('\n');
  expect(everything).not.toContain(password);
  expect(everything).not.toContain(h.app.simulator!.clientSecret);
});

it('names a refusal and its code, without the command’s words', async () => {
  const before = logs.lines.length;
  await h.post(personalMessage(h.connector.serviceUrl, 'users contoso', people.stranger));
  const [line] = logs.lines.slice(before).filter((candidate) => candidate.msg === 'command');
  expect(line).toMatchObject({ command: 'users', outcome: 'refused', code: 'forbidden', origin: 'teams' });
  expect(line).not.toHaveProperty('text');
});
