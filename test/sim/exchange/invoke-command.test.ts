import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { call, contosoId, exchangeResource, fabrikamId, type GraphCall, graphFor, tokenFor } from '../sim-requests';

let now = Date.now();
let simulator: RunningSimulator;
let graph: GraphCall;
let exchangeToken: string;

beforeAll(async () => {
  simulator = await startSimulator({ mailboxDelayMs: 60_000, now: () => now });
  graph = await graphFor(simulator, contosoId);
  exchangeToken = await tokenFor(simulator, contosoId, exchangeResource);
});

afterAll(async () => {
  await simulator.close();
});

function invoke(
  cmdlet: string,
  parameters: Record<string, unknown>,
  options: { token?: string; tenant?: string } = {},
) {
  return call(
    simulator,
    'POST',
    `${simulator.exchangeUrl}/adminapi/beta/${options.tenant ?? contosoId}/InvokeCommand`,
    {
      headers: { Authorization: `Bearer ${options.token ?? exchangeToken}` },
      body: { CmdletInput: { CmdletName: cmdlet, Parameters: parameters } },
    },
  );
}

it('reads a seeded mailbox with its addresses', async () => {
  const answer = await invoke('Get-Mailbox', { Identity: 'diego.siciliani@contoso.com' });
  expect(answer.status).toBe(200);
  expect(answer.json.value[0]).toMatchObject({
    UserPrincipalName: 'diego.siciliani@contoso.com',
    PrimarySmtpAddress: 'diego.siciliani@contoso.com',
    EmailAddresses: expect.arrayContaining(['SMTP:diego.siciliani@contoso.com', 'smtp:finance@contoso.com']),
  });
});

it('has no mailbox until the delay after an Exchange licence has passed', async () => {
  simulator.control.addUser(contosoId, {
    userPrincipalName: 'fresh@contoso.com',
    usageLocation: 'US',
    licenses: ['EXCHANGESTANDARD'],
  });
  const early = await invoke('Get-Mailbox', { Identity: 'fresh@contoso.com' });
  expect(early.status).toBe(404);
  expect(early.json.error.code).toBe('NotFound');
  expect(early.json.error.message).toMatch(
    /^Ex6F9304\|Microsoft\.Exchange\.Configuration\.Tasks\.ManagementObjectNotFoundException\|The operation couldn't be performed because object 'fresh@contoso\.com' couldn't be found on '[A-Z0-9]+\.PROD\.OUTLOOK\.COM'\.$/,
  );
  now += 60_001;
  const ready = await invoke('Get-Mailbox', { Identity: 'fresh@contoso.com' });
  expect(ready.status).toBe(200);
  expect(ready.json.value[0].PrimarySmtpAddress).toBe('fresh@contoso.com');
});

it('never makes a mailbox for a user without an Exchange licence', async () => {
  simulator.control.addUser(contosoId, { userPrincipalName: 'nolicence@contoso.com', usageLocation: 'US' });
  now += 120_000;
  expect((await invoke('Get-Mailbox', { Identity: 'nolicence@contoso.com' })).status).toBe(404);
});

it('sets the addresses, which Graph then shows in proxyAddresses and mail', async () => {
  simulator.control.addUser(contosoId, {
    userPrincipalName: 'aliased@contoso.com',
    usageLocation: 'US',
    licenses: ['SPB'],
  });
  simulator.control.makeMailboxReady(contosoId, 'aliased@contoso.com');
  const answer = await invoke('Set-Mailbox', {
    Identity: 'aliased@contoso.com',
    EmailAddresses: ['SMTP:a.liased@contoso.com', 'smtp:aliased@contoso.com', 'smtp:aliased@contoso.onmicrosoft.com'],
  });
  expect(answer.status).toBe(200);
  const user = await graph('GET', '/users/aliased@contoso.com?$select=mail,proxyAddresses');
  expect(user.json).toMatchObject({
    mail: 'a.liased@contoso.com',
    proxyAddresses: ['SMTP:a.liased@contoso.com', 'smtp:aliased@contoso.com', 'smtp:aliased@contoso.onmicrosoft.com'],
  });
});

it('refuses a list without exactly one primary address', async () => {
  const answer = await invoke('Set-Mailbox', {
    Identity: 'diego.siciliani@contoso.com',
    EmailAddresses: ['smtp:diego.siciliani@contoso.com'],
  });
  expect(answer.status).toBe(400);
});

it('refuses an address on a domain the tenant has not verified', async () => {
  const answer = await invoke('Set-Mailbox', {
    Identity: 'diego.siciliani@contoso.com',
    EmailAddresses: ['SMTP:diego.siciliani@contoso.com', 'smtp:diego@contoso.org'],
  });
  expect(answer.status).toBe(400);
  expect(answer.json.error.message).toMatch(/contoso\.org/);
});

it("refuses an address another user's mailbox holds", async () => {
  const answer = await invoke('Set-Mailbox', {
    Identity: 'megan.bowen@contoso.com',
    EmailAddresses: ['SMTP:megan.bowen@contoso.com', 'smtp:finance@contoso.com'],
  });
  expect(answer.status).toBe(400);
  expect(answer.json.error.message).toMatch(/finance@contoso\.com.*already being used/);
});

it('answers 404 for Set-Mailbox before the mailbox exists', async () => {
  simulator.control.addUser(contosoId, {
    userPrincipalName: 'waiting@contoso.com',
    usageLocation: 'US',
    licenses: ['SPB'],
  });
  expect(
    (await invoke('Set-Mailbox', { Identity: 'waiting@contoso.com', EmailAddresses: ['SMTP:waiting@contoso.com'] }))
      .status,
  ).toBe(404);
});

it('refuses a Graph token (wrong audience)', async () => {
  const graphToken = await tokenFor(simulator, contosoId);
  expect((await invoke('Get-Mailbox', { Identity: 'diego.siciliani@contoso.com' }, { token: graphToken })).status).toBe(
    401,
  );
});

it("refuses a token for another tenant than the URL's", async () => {
  const fabrikamToken = await tokenFor(simulator, fabrikamId, exchangeResource);
  expect((await invoke('Get-Mailbox', {}, { token: fabrikamToken })).status).toBe(401);
});
