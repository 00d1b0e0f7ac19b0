/**
 * Users who hold an administrator role are protected from apps (reference: microsoft-graph-and-entra §4): deleting
 * one, or setting their password, answers 403 Authorization_RequestDenied unless the app's own service principal holds
 * Privileged Authentication Administrator (or Global Administrator) in the tenant. Other users are not protected.
 */
import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { contosoId, graphFor, strongPassword } from '../sim-requests';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator();
});

afterAll(async () => {
  await simulator.close();
});

const profile = { passwordProfile: { password: strongPassword, forceChangePasswordNextSignIn: true } };

it('refuses to delete an admin or set their password, with Graph’s own error', async () => {
  const graph = await graphFor(simulator, contosoId);
  const admin = simulator.control.addUser(contosoId, { userPrincipalName: 'guarded.admin@contoso.com' });
  simulator.control.grantRole(contosoId, admin.id, 'User Administrator');

  for (const [method, body] of [
    ['PATCH', profile],
    ['DELETE', undefined],
  ] as const) {
    const answer = await graph(method, `/users/${admin.id}`, body);
    expect(answer.status).toBe(403);
    expect(answer.json.error).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
  }
  expect(simulator.control.getUser(contosoId, admin.id)?.deletedDateTime ?? null).toBeNull();
  // Other changes to an admin are not protected.
  expect((await graph('PATCH', `/users/${admin.id}`, { accountEnabled: false })).status).toBe(204);
});

it('lets the app delete an admin once its service principal holds Privileged Authentication Administrator', async () => {
  const graph = await graphFor(simulator, contosoId);
  const admin = simulator.control.addUser(contosoId, { userPrincipalName: 'released.admin@contoso.com' });
  simulator.control.grantRole(contosoId, admin.id, 'Global Administrator');
  simulator.control.grantAppRole(contosoId, 'Privileged Authentication Administrator');
  expect((await graph('PATCH', `/users/${admin.id}`, profile)).status).toBe(204);
  expect((await graph('DELETE', `/users/${admin.id}`)).status).toBe(204);
});

it('does not protect a user who holds no role', async () => {
  const graph = await graphFor(simulator, contosoId);
  const user = simulator.control.addUser(contosoId, { userPrincipalName: 'plain.user@contoso.com' });
  expect((await graph('PATCH', `/users/${user.id}`, profile)).status).toBe(204);
  expect((await graph('DELETE', `/users/${user.id}`)).status).toBe(204);
});
