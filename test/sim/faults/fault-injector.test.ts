import { contosoId, newUserBody } from '../sim-requests';
import { useSimulator } from '../use-simulator';

const running = useSimulator();
const { graph } = running;

async function statuses(count: number, path = '/organization'): Promise<number[]> {
  const answers = [];
  for (let index = 0; index < count; index++) answers.push((await graph('GET', path)).status);
  return answers;
}

it('answers 429 on every Nth request with Retry-After, throttle headers and the documented body', async () => {
  running.simulator.control.setFaults({ throttleEvery: 3, retryAfterSeconds: 2.128 });
  expect(await statuses(6)).toEqual([200, 200, 429, 200, 200, 429]);
  running.simulator.control.setFaults({ throttleEvery: 1, retryAfterSeconds: 2.128 });
  const answer = await graph('GET', '/organization');
  expect(answer.headers['retry-after']).toBe('2.128');
  expect(answer.headers['x-ms-throttle-scope']).toBe(
    `Tenant_Application/ReadWrite/${running.simulator.clientId}/${contosoId}`,
  );
  expect(answer.headers['x-ms-throttle-information']).toBe('ResourceUnitLimitExceeded');
  expect(answer.json.error).toEqual({
    code: 'TooManyRequests',
    message: 'Please retry again later.',
    innerError: expect.objectContaining({
      code: '429',
      message: 'Please retry after',
      status: '429',
      'request-id': answer.headers['request-id'],
    }),
  });
});

it('uses the directory code style when asked', async () => {
  running.simulator.control.setFaults({ throttleEvery: 1, throttleCode: 'Request_ThrottledTemporarily' });
  const answer = await graph('GET', '/organization');
  expect(answer.status).toBe(429);
  expect(answer.json.error.code).toBe('Request_ThrottledTemporarily');
});

it('answers a reproducible share of 503s from its seed', async () => {
  running.simulator.control.setFaults({ serviceUnavailableShare: 0.3, seed: 42 });
  const first = await statuses(40);
  running.simulator.control.setFaults({ serviceUnavailableShare: 0.3, seed: 42 });
  expect(await statuses(40)).toEqual(first);
  const failures = first.filter((status) => status === 503).length;
  expect(failures).toBeGreaterThan(3);
  expect(failures).toBeLessThan(25);
});

it('fails the Kth page of a users read once', async () => {
  running.simulator.control.setFaults({ pageFailure: { route: 'users', page: 2, status: 503 } });
  const first = await graph('GET', '/users?$top=10');
  const next = first.json['@odata.nextLink'];
  const failed = await graph('GET', next);
  expect(failed.status).toBe(503);
  expect(failed.json.error.code).toBe('serviceNotAvailable');
  expect((await graph('GET', next)).status).toBe(200);
});

it('fails the Kth page of a delta round with 500 when asked', async () => {
  running.simulator.control.setFaults({ pageFailure: { route: 'users/delta', page: 1, status: 500 } });
  expect((await graph('GET', '/users/delta?$select=id')).status).toBe(500);
});

it('leaves a throttled write undone, so a retry runs it exactly once', async () => {
  running.simulator.control.setFaults({ throttleEvery: 1 });
  const body = { jobTitle: 'Retried' };
  expect((await graph('PATCH', '/users/alex.wilber@contoso.com', body)).status).toBe(429);
  running.simulator.control.clearFaults();
  expect((await graph('GET', '/users/alex.wilber@contoso.com')).json.jobTitle).toBe('Helpdesk Lead');
});

it('counts requests by route', async () => {
  running.simulator.control.resetRequestCounts();
  await graph('GET', '/users/megan.bowen@contoso.com');
  await graph('GET', '/users/alex.wilber@contoso.com');
  await graph('GET', '/subscribedSkus');
  expect(running.simulator.control.requestCounts()).toEqual({
    'GET /v1.0/users/{id}': 2,
    'GET /v1.0/subscribedSkus': 1,
  });
});

it('counts a request a fault answered under its route, marked as faulted', async () => {
  running.simulator.control.resetRequestCounts();
  running.simulator.control.setFaults({ throttleEvery: 1 });
  await graph('GET', '/users/megan.bowen@contoso.com');
  expect(running.simulator.control.requestCounts()).toEqual({ 'GET /v1.0/users/{id} (fault)': 1 });
});

it('adds latency when asked', async () => {
  running.simulator.control.setFaults({ latencyMs: 150 });
  const started = Date.now();
  await graph('GET', '/organization');
  expect(Date.now() - started).toBeGreaterThanOrEqual(140);
});

it('carries out a request whose answer it then loses, once', async () => {
  running.simulator.control.setFaults({ lostAnswer: { route: 'POST /v1.0/users' } });
  await expect(graph('POST', '/users', newUserBody('lost.answer@contoso.com'))).rejects.toThrow();
  expect(running.simulator.control.getUser(contosoId, 'lost.answer@contoso.com')).not.toBeNull();
  expect((await graph('POST', '/users', newUserBody('answered@contoso.com'))).status).toBe(201);
});

it('fails the next request of one route with the error it is given, before it runs, then lets it through', async () => {
  const message = 'Cannot Update a mail-enabled security groups and or distribution list.';
  running.simulator.control.resetRequestCounts();
  running.simulator.control.setFaults({
    routeFailure: { route: 'PATCH /v1.0/users/{id}', status: 400, code: 'Request_BadRequest', message },
  });
  expect((await graph('GET', '/users/alex.wilber@contoso.com')).status).toBe(200);
  const refused = await graph('PATCH', '/users/alex.wilber@contoso.com', { jobTitle: 'Refused' });
  expect(refused.status).toBe(400);
  expect(refused.json.error).toMatchObject({ code: 'Request_BadRequest', message });
  expect((await graph('GET', '/users/alex.wilber@contoso.com')).json.jobTitle).toBe('Helpdesk Lead');
  expect((await graph('PATCH', '/users/alex.wilber@contoso.com', { jobTitle: 'Helpdesk Lead' })).status).toBe(204);
  expect(running.simulator.control.requestCounts()).toMatchObject({
    'PATCH /v1.0/users/{id} (fault)': 1,
    'PATCH /v1.0/users/{id}': 1,
  });
});

it('logs the requests that may change a tenant with their bodies, a batch item by item', async () => {
  running.simulator.control.resetRequestCounts();
  await graph('GET', '/users/megan.bowen@contoso.com');
  await graph('PATCH', '/users/megan.bowen@contoso.com', { jobTitle: 'Logged' });
  await graph('POST', '/$batch', {
    requests: [{ id: '1', method: 'PATCH', url: '/users/megan.bowen@contoso.com', body: { officeLocation: 'B' } }],
  });
  expect(running.simulator.control.requestLog()).toEqual([
    {
      route: 'PATCH /v1.0/users/{id}',
      method: 'PATCH',
      path: '/graph/v1.0/users/megan.bowen@contoso.com',
      body: { jobTitle: 'Logged' },
    },
    expect.objectContaining({ route: 'POST /v1.0/$batch' }),
    {
      route: 'PATCH /users/megan.bowen@contoso.com (batch item)',
      method: 'PATCH',
      path: '/users/megan.bowen@contoso.com',
      body: { officeLocation: 'B' },
    },
  ]);
});
