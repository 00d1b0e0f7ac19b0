import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { call, contosoId } from '../sim-requests';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator();
});

afterAll(async () => {
  await simulator.close();
});

const control = (method: string, args: unknown[], secret = simulator.clientSecret) =>
  call(simulator, 'POST', `${simulator.controlUrl}/${method}`, { headers: { 'x-sim-secret': secret }, body: { args } });

it('runs a control method over HTTP and answers its result', async () => {
  const answer = await control('addUser', [contosoId, { userPrincipalName: 'remote@contoso.com' }]);
  expect(answer.status).toBe(200);
  expect(answer.json.result).toMatchObject({ userPrincipalName: 'remote@contoso.com' });
  expect(simulator.control.getUser(contosoId, 'remote@contoso.com')).not.toBeNull();
});

it('refuses a caller without the client secret', async () => {
  const answer = await control('deleteUser', [contosoId, 'megan.bowen@contoso.com'], 'wrong');
  expect(answer.status).toBe(401);
  expect(simulator.control.getUser(contosoId, 'megan.bowen@contoso.com')?.deletedDateTime).toBeNull();
});

it('answers a failing method with 400 and its message', async () => {
  const answer = await control('deleteUser', [contosoId, 'nobody@contoso.com']);
  expect(answer.status).toBe(400);
  expect(answer.json.error).toBe('Tenant Contoso Ltd has no user nobody@contoso.com.');
});

it('answers 404 for a method the control does not have', async () => {
  expect((await control('toString', [])).status).toBe(404);
});

it('finds a soft-deleted user by UPN, with its deletion time', async () => {
  simulator.control.addUser(contosoId, { userPrincipalName: 'binned@contoso.com' });
  simulator.control.deleteUser(contosoId, 'binned@contoso.com');
  expect(simulator.control.getUser(contosoId, 'binned@contoso.com')?.deletedDateTime).toEqual(expect.any(String));
});
