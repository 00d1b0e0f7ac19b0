import { contosoId, newUserBody, skuIds } from '../sim-requests';
import { useSimulator } from '../use-simulator';

const running = useSimulator();
const { graph } = running;

const get = (id: string, url: string) => ({ id, method: 'GET', url });
const json = { 'Content-Type': 'application/json' };
type ItemAnswer = {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: { error?: { message: string } };
};
const byId = (responses: ItemAnswer[]) => Object.fromEntries(responses.map((response) => [response.id, response]));

it('answers each item with its own status, headers and body', async () => {
  const answer = await graph('POST', '/$batch', {
    requests: [get('1', '/users/megan.bowen@contoso.com'), get('2', '/users/nobody@contoso.com')],
  });
  expect(answer.status).toBe(200);
  const items = byId(answer.json.responses);
  expect(items['1']).toMatchObject({ status: 200, body: { userPrincipalName: 'megan.bowen@contoso.com' } });
  expect(items['1']?.headers['x-ms-resource-unit']).toBeDefined();
  expect(items['2']).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
});

it('refuses more than 20 requests', async () => {
  const requests = Array.from({ length: 21 }, (_, index) => get(String(index), '/organization'));
  const answer = await graph('POST', '/$batch', { requests });
  expect(answer.status).toBe(400);
  expect(answer.json.error.message).toBe('Maximum requests limit exceeded, Max allowed number of requests are 20');
});

it('refuses duplicate ids', async () => {
  const answer = await graph('POST', '/$batch', { requests: [get('1', '/organization'), get('1', '/domains')] });
  expect(answer.status).toBe(400);
});

it('answers an item url that repeats the version with the segment error', async () => {
  const answer = await graph('POST', '/$batch', { requests: [get('1', '/v1.0/users')] });
  expect(answer.json.responses[0]).toMatchObject({
    status: 400,
    body: { error: { message: "Resource not found for the segment 'v1.0'." } },
  });
});

it('runs dependsOn in order: create then license', async () => {
  const upn = 'batch.user@contoso.com';
  const answer = await graph('POST', '/$batch', {
    requests: [
      {
        id: 'license',
        method: 'POST',
        url: `/users/${upn}/assignLicense`,
        headers: json,
        dependsOn: ['create'],
        body: { addLicenses: [{ skuId: skuIds.SPB, disabledPlans: [] }], removeLicenses: [] },
      },
      { id: 'create', method: 'POST', url: '/users', headers: json, body: newUserBody(upn, { usageLocation: 'GB' }) },
    ],
  });
  const items = byId(answer.json.responses);
  expect(items.create?.status).toBe(201);
  expect(items.license?.status).toBe(200);
  expect(running.simulator.control.getUser(contosoId, upn)?.assignedLicenses).toEqual([
    { skuId: skuIds.SPB, disabledPlans: [] },
  ]);
});

it('answers 424 for an item whose dependency failed, without running it', async () => {
  const answer = await graph('POST', '/$batch', {
    requests: [
      { id: 'create', method: 'POST', url: '/users', headers: json, body: newUserBody('megan.bowen@contoso.com') },
      {
        id: 'rename',
        method: 'PATCH',
        url: '/users/alex.wilber@contoso.com',
        headers: json,
        dependsOn: ['create'],
        body: { displayName: 'Changed' },
      },
    ],
  });
  const items = byId(answer.json.responses);
  expect(items.create?.status).toBe(400);
  expect(items.rename?.status).toBe(424);
  expect(running.simulator.control.getUser(contosoId, 'alex.wilber@contoso.com')?.displayName).toBe('Alex Wilber');
});

it('refuses a body without a Content-Type header', async () => {
  const answer = await graph('POST', '/$batch', {
    requests: [{ id: '1', method: 'PATCH', url: '/users/alex.wilber@contoso.com', body: { jobTitle: 'x' } }],
  });
  expect(answer.status).toBe(400);
});

it('throttles items one by one, each 429 with its own Retry-After', async () => {
  running.simulator.control.setFaults({ throttleEvery: 2, retryAfterSeconds: 1.5 });
  const answer = await graph('POST', '/$batch', {
    requests: ['1', '2', '3', '4'].map((id) => get(id, '/organization')),
  });
  expect(answer.status).toBe(200);
  const statuses = Object.fromEntries((answer.json.responses as ItemAnswer[]).map((item) => [item.id, item.status]));
  expect(statuses).toEqual({ '1': 200, '2': 429, '3': 200, '4': 429 });
  const throttled = byId(answer.json.responses)['2'];
  expect(throttled?.headers['Retry-After']).toBe('1.5');
  expect(throttled?.body.error).toMatchObject({ code: 'TooManyRequests', message: 'Please retry again later.' });
});
