import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { call, contosoId, exchangeResource, tokenFor } from '../sim-requests';

/** The lifecycle cmdlets over InvokeCommand, with Exchange's answers and error texts. */

let simulator: RunningSimulator;
let exchangeToken: string;

beforeAll(async () => {
  simulator = await startSimulator();
  exchangeToken = await tokenFor(simulator, contosoId, exchangeResource);
});

afterAll(async () => {
  await simulator.close();
});

afterEach(() => simulator.control.clearFaults());

function invoke(cmdlet: string, parameters: Record<string, unknown>) {
  return call(simulator, 'POST', `${simulator.exchangeUrl}/adminapi/beta/${contosoId}/InvokeCommand`, {
    headers: { Authorization: `Bearer ${exchangeToken}` },
    body: { CmdletInput: { CmdletName: cmdlet, Parameters: parameters } },
  });
}

it('converts a user mailbox to shared, and reads its size from Get-MailboxStatistics', async () => {
  const before = await invoke('Get-Mailbox', { Identity: 'alex.wilber@contoso.com' });
  expect(before.json.value[0].RecipientTypeDetails).toBe('UserMailbox');
  expect((await invoke('Set-Mailbox', { Identity: 'alex.wilber@contoso.com', Type: 'Shared' })).status).toBe(200);
  const after = await invoke('Get-Mailbox', { Identity: 'alex.wilber@contoso.com' });
  expect(after.json.value[0].RecipientTypeDetails).toBe('SharedMailbox');
  simulator.control.setMailboxSize(contosoId, 'alex.wilber@contoso.com', 1_610_612_736);
  const statistics = await invoke('Get-MailboxStatistics', { Identity: 'alex.wilber@contoso.com' });
  expect(statistics.json.value[0].TotalItemSize).toBe('1.5 GB (1,610,612,736 bytes)');
  const wrong = await invoke('Set-Mailbox', { Identity: 'alex.wilber@contoso.com', Type: 'Public' });
  expect(wrong.status).toBe(400);
  expect(wrong.json.error.message).toContain("Cannot process argument transformation on parameter 'Type'.");
});

it('seeds a shared mailbox and a nearly full one', async () => {
  const shared = await invoke('Get-Mailbox', { Identity: 'sales.team@contoso.com' });
  expect(shared.json.value[0].RecipientTypeDetails).toBe('SharedMailbox');
  const diego = await invoke('Get-MailboxStatistics', { Identity: 'diego.siciliani@contoso.com' });
  expect(diego.json.value[0].TotalItemSize).toMatch(/^47\.461 GB \(50,960,793,600 bytes\)$/);
});

it('sets forwarding with a copy kept, and clears it', async () => {
  const identity = 'megan.bowen@contoso.com';
  await invoke('Set-Mailbox', {
    Identity: identity,
    ForwardingSmtpAddress: 'smtp:alex.wilber@contoso.com',
    DeliverToMailboxAndForward: true,
  });
  expect((await invoke('Get-Mailbox', { Identity: identity })).json.value[0]).toMatchObject({
    ForwardingSmtpAddress: 'smtp:alex.wilber@contoso.com',
    DeliverToMailboxAndForward: true,
  });
  await invoke('Set-Mailbox', { Identity: identity, ForwardingSmtpAddress: null, DeliverToMailboxAndForward: false });
  expect((await invoke('Get-Mailbox', { Identity: identity })).json.value[0].ForwardingSmtpAddress).toBeNull();
  const bad = await invoke('Set-Mailbox', { Identity: identity, ForwardingSmtpAddress: 'not an address' });
  expect(bad.status).toBe(400);
  expect(bad.json.error.message).toContain("isn't a valid SMTP address");
});

it('grants FullAccess and SendAs, and refuses a trustee that does not exist with Exchange’s text', async () => {
  const full = await invoke('Add-MailboxPermission', {
    Identity: 'sales.team@contoso.com',
    User: 'adele.vance@contoso.com',
    AccessRights: ['FullAccess'],
    InheritanceType: 'All',
  });
  expect(full.status).toBe(200);
  expect(full.json.value[0]).toMatchObject({ User: 'adele.vance@contoso.com', AccessRights: ['FullAccess'] });
  const sendAs = await invoke('Add-RecipientPermission', {
    Identity: 'sales.team@contoso.com',
    Trustee: 'adele.vance@contoso.com',
    AccessRights: ['SendAs'],
  });
  expect(sendAs.status).toBe(200);
  expect(simulator.control.getMailbox(contosoId, 'sales.team@contoso.com')).toMatchObject({
    fullAccess: ['adele.vance@contoso.com'],
    sendAs: ['adele.vance@contoso.com'],
  });
  const missing = await invoke('Add-MailboxPermission', {
    Identity: 'sales.team@contoso.com',
    User: 'ghost@contoso.com',
    AccessRights: ['FullAccess'],
  });
  expect(missing.status).toBe(400);
  expect(missing.json.error.message).toMatch(
    /ManagementObjectNotFoundException\|User or group "ghost@contoso\.com" wasn't found\. Please make sure you've typed it correctly\.$/,
  );
  const noMailbox = await invoke('Add-RecipientPermission', {
    Identity: 'nobody@contoso.com',
    Trustee: 'adele.vance@contoso.com',
    AccessRights: ['SendAs'],
  });
  expect(noMailbox.status).toBe(404);
});

it('turns automatic replies on and off, and hides a mailbox from the address lists', async () => {
  const identity = 'lee.gu@contoso.com';
  await invoke('Set-MailboxAutoReplyConfiguration', {
    Identity: identity,
    AutoReplyState: 'Enabled',
    InternalMessage: 'Lee has left; write to sales@contoso.com.',
    ExternalMessage: 'Lee has left; write to sales@contoso.com.',
  });
  const on = await invoke('Get-MailboxAutoReplyConfiguration', { Identity: identity });
  expect(on.json.value[0]).toMatchObject({
    AutoReplyState: 'Enabled',
    InternalMessage: 'Lee has left; write to sales@contoso.com.',
  });
  await invoke('Set-MailboxAutoReplyConfiguration', { Identity: identity, AutoReplyState: 'Disabled' });
  expect((await invoke('Get-MailboxAutoReplyConfiguration', { Identity: identity })).json.value[0].AutoReplyState).toBe(
    'Disabled',
  );
  const wrong = await invoke('Set-MailboxAutoReplyConfiguration', { Identity: identity, AutoReplyState: 'On' });
  expect(wrong.status).toBe(400);
  await invoke('Set-Mailbox', { Identity: identity, HiddenFromAddressListsEnabled: true });
  expect((await invoke('Get-Mailbox', { Identity: identity })).json.value[0].HiddenFromAddressListsEnabled).toBe(true);
});

it('lists a mailbox’s mobile devices and removes one; a second removal is not found', async () => {
  const listed = await invoke('Get-MobileDevice', { Mailbox: 'diego.siciliani@contoso.com' });
  expect(listed.json.value.map((device: { FriendlyName: string }) => device.FriendlyName)).toEqual([
    'iPhone 15 Pro',
    'Galaxy Tab S9',
  ]);
  const guid = listed.json.value[0].Guid;
  expect((await invoke('Remove-MobileDevice', { Identity: guid, Confirm: false })).status).toBe(200);
  expect((await invoke('Get-MobileDevice', { Mailbox: 'diego.siciliani@contoso.com' })).json.value).toHaveLength(1);
  const again = await invoke('Remove-MobileDevice', { Identity: guid });
  expect(again.status).toBe(404);
  expect(again.json.error.message).toContain("couldn't be found");
});

it('throttles the lifecycle cmdlets like the rest', async () => {
  simulator.control.setFaults({ throttleEvery: 1 });
  const answer = await invoke('Get-MailboxStatistics', { Identity: 'megan.bowen@contoso.com' });
  expect(answer.status).toBe(429);
});
