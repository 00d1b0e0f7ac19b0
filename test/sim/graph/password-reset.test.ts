/**
 * A password reset is a PATCH of passwordProfile: Graph answers 204, checks the password's complexity, and the
 * user's lastPasswordChangeDateTime moves (the simulator keeps no password, only when one was last given).
 */
import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { contosoId, graphFor, strongPassword } from '../sim-requests';

let now = Date.parse('2025-03-01T09:00:00Z');
let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ now: () => now });
});

afterAll(async () => {
  await simulator.close();
});

it('records when the password was reset, and answers 204', async () => {
  const graph = await graphFor(simulator, contosoId);
  const user = simulator.control.addUser(contosoId, { userPrincipalName: 'reset.me@contoso.com' });
  expect(simulator.control.getUser(contosoId, user.id)?.lastPasswordChangeDateTime).toBe('2025-03-01T09:00:00Z');
  now += 60_000;
  const profile = { password: strongPassword, forceChangePasswordNextSignIn: true };
  const answer = await graph('PATCH', `/users/${user.id}`, { passwordProfile: profile });
  expect(answer.status).toBe(204);
  expect(simulator.control.getUser(contosoId, user.id)?.lastPasswordChangeDateTime).toBe('2025-03-01T09:01:00Z');
  const read = await graph('GET', `/users/${user.id}?$select=lastPasswordChangeDateTime`);
  expect(read.json.lastPasswordChangeDateTime).toBe('2025-03-01T09:01:00Z');
});

it('refuses a weak password and changes nothing', async () => {
  const graph = await graphFor(simulator, contosoId);
  const user = simulator.control.addUser(contosoId, { userPrincipalName: 'weak.reset@contoso.com' });
  now += 60_000;
  const answer = await graph('PATCH', `/users/${user.id}`, { passwordProfile: { password: 'password' } });
  expect(answer.status).toBe(400);
  expect(simulator.control.getUser(contosoId, user.id)?.lastPasswordChangeDateTime).not.toBe(
    new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  );
});
