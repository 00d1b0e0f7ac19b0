/**
 * A tenant's consent grants the app the permissions it asks for, and an administrator can take one away: the
 * tokens' `roles` claim says what the tenant granted, and Graph and Exchange refuse what needed the missing one.
 */
import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { call, claimsOf, contosoId, exchangeResource, fabrikamId, graphFor, tokenFor } from '../sim-requests';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ mailboxDelayMs: 0 });
});

afterAll(async () => {
  await simulator.close();
});

it('puts the least privileged permissions the app asks for in a consented tenant’s Graph token', async () => {
  expect(claimsOf(await tokenFor(simulator, contosoId)).roles).toEqual([
    'Organization.Read.All',
    'Domain.Read.All',
    'User.ReadWrite.All',
    'RoleManagement.ReadWrite.Directory',
    'GroupMember.ReadWrite.All',
  ]);
});

it('leaves a removed permission out of later tokens, and Graph refuses what needed it', async () => {
  simulator.control.removePermission(fabrikamId, 'Domain.Read.All');
  try {
    expect(claimsOf(await tokenFor(simulator, fabrikamId)).roles).toEqual([
      'Organization.Read.All',
      'User.ReadWrite.All',
      'RoleManagement.ReadWrite.Directory',
      'GroupMember.ReadWrite.All',
    ]);
    const graph = await graphFor(simulator, fabrikamId);
    expect((await graph('GET', '/domains')).status).toBe(403);
    expect((await graph('GET', '/organization')).status).toBe(200);
    // Another tenant keeps its own consent.
    expect(claimsOf(await tokenFor(simulator, contosoId)).roles).toContain('Domain.Read.All');
  } finally {
    simulator.control.grantConsent(fabrikamId);
  }
  expect(claimsOf(await tokenFor(simulator, fabrikamId)).roles).toContain('Domain.Read.All');
});

it('refuses at once a token issued before the permission was removed', async () => {
  const graph = await graphFor(simulator, fabrikamId);
  simulator.control.removePermission(fabrikamId, 'User.ReadWrite.All');
  try {
    expect((await graph('GET', '/users')).status).toBe(403);
  } finally {
    simulator.control.grantConsent(fabrikamId);
  }
});

it('issues an Exchange token without roles once Exchange.ManageAsApp is removed, and Exchange refuses it', async () => {
  simulator.control.removePermission(fabrikamId, 'Exchange.ManageAsApp');
  try {
    const token = await tokenFor(simulator, fabrikamId, exchangeResource);
    expect(claimsOf(token).roles).toBeUndefined();
    const answer = await call(simulator, 'POST', `${simulator.exchangeUrl}/adminapi/beta/${fabrikamId}/InvokeCommand`, {
      headers: { Authorization: `Bearer ${token}` },
      body: { CmdletInput: { CmdletName: 'Get-Mailbox', Parameters: { Identity: 'kate@fabrikam.com' } } },
    });
    expect(answer.status).toBe(403);
  } finally {
    simulator.control.grantConsent(fabrikamId);
  }
});

it('refuses to remove a permission the app does not ask for', () => {
  expect(() => simulator.control.removePermission(contosoId, 'Directory.ReadWrite.All')).toThrow(
    'The app does not ask for the permission Directory.ReadWrite.All.',
  );
});
