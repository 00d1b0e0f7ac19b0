/** Simulators started in one process share key pairs but not trust: each one's CA vouches for its server only. */
import { startSimulator } from '../../sim/index';
import type { RunningSimulator } from '../../sim/types';
import { call } from './sim-requests';

let first: RunningSimulator;
let second: RunningSimulator;

beforeAll(async () => {
  first = await startSimulator();
  second = await startSimulator();
});

afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

const openIdPath = '/organizations/v2.0/.well-known/openid-configuration';

it('answers a client that trusts its own CA', async () => {
  expect((await call(first, 'GET', `${first.loginUrl}${openIdPath}`)).status).toBe(200);
  expect((await call(second, 'GET', `${second.loginUrl}${openIdPath}`)).status).toBe(200);
});

it("refuses a client that trusts another simulator's CA", async () => {
  const withFirstCa = { ...second, caPem: first.caPem };
  await expect(call(withFirstCa, 'GET', `${second.loginUrl}${openIdPath}`)).rejects.toThrow(
    /unable to verify the first certificate|unable to get local issuer certificate/,
  );
});
