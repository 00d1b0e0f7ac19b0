/**
 * The gateway's wire behaviour through the real MSAL and Graph SDK code, against a scripted endpoint whose
 * answers each test chooses: retries and Retry-After, network failures, `$batch` resubmission, paging, links.
 */
import { Writable } from 'node:stream';
import { createLogger } from '../../common/logger';
import { createM365Gateway, type M365GatewayOptions } from '../../m365/index';
import type { M365Gateway } from '../../m365/types';
import {
  type ScriptedMicrosoft,
  scriptedMicrosoftGatewayOptions,
  startScriptedMicrosoft,
} from '../support/scripted-microsoft-stand-in';

const tenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
let microsoft: ScriptedMicrosoft;

beforeEach(async () => {
  microsoft = await startScriptedMicrosoft();
});

afterEach(async () => {
  await microsoft.close();
});

function gateway(options: Partial<M365GatewayOptions> = {}): M365Gateway {
  return createM365Gateway({
    ...scriptedMicrosoftGatewayOptions(microsoft),
    retry: { maxRetries: 3, maxDelayMs: 200 },
    ...options,
  });
}

const throttled = (retryAfter = '0.01') => ({
  status: 429,
  headers: { 'Retry-After': retryAfter },
  body: { error: { code: 'TooManyRequests', message: 'Please retry again later.' } },
});

/** Answers the scripted answers in turn, then the last one for ever. */
function inTurn(...answers: { status: number; headers?: Record<string, string>; body?: unknown; drop?: boolean }[]) {
  let call = 0;
  return () => answers[Math.min(call++, answers.length - 1)]!;
}

const skus = {
  status: 200,
  body: { value: [{ skuId: 's1', skuPartNumber: 'SPB', consumedUnits: 1, prepaidUnits: { enabled: 5 } }] },
};
const newUser = {
  userPrincipalName: 'jane@contoso.com',
  displayName: 'Jane Doe',
  mailNickname: 'jane',
  accountEnabled: true,
  usageLocation: 'US',
  password: 'Str0ng!Passw0rd',
  forceChangePasswordNextSignIn: true,
};

describe('retries', () => {
  it('sends a throttled read again after Retry-After and succeeds', async () => {
    microsoft.route('GET', '/v1.0/subscribedSkus', inTurn(throttled(), throttled(), skus));
    const result = await gateway().forTenant(tenantId).listSkus();
    expect(result.map((sku) => sku.availableUnits)).toEqual([4]);
    expect(microsoft.requestsTo('GET', '/v1.0/subscribedSkus')).toHaveLength(3);
  });

  it('reports throttling once the retries are used up', async () => {
    microsoft.route('GET', '/v1.0/subscribedSkus', inTurn(throttled()));
    const error = await gateway()
      .forTenant(tenantId)
      .listSkus()
      .catch((e) => e);
    expect(error.code).toBe('throttled');
    expect(error.message).toBe(
      `Microsoft 365 is throttling requests for tenant ${tenantId} after 4 attempts; try again in a few minutes.`,
    );
    expect(microsoft.requestsTo('GET', '/v1.0/subscribedSkus')).toHaveLength(4);
  });

  it('does not wait out a Retry-After above the cap but reports it', async () => {
    microsoft.route('GET', '/v1.0/subscribedSkus', inTurn(throttled('120')));
    const error = await gateway()
      .forTenant(tenantId)
      .listSkus()
      .catch((e) => e);
    expect(error.code).toBe('throttled');
    expect(error.details.retryAfterMs).toBe(120_000);
    expect(microsoft.requestsTo('GET', '/v1.0/subscribedSkus')).toHaveLength(1);
  });

  it('retries 503 without Retry-After by backing off', async () => {
    microsoft.route('GET', '/v1.0/subscribedSkus', inTurn({ status: 503, body: {} }, skus));
    await gateway().forTenant(tenantId).listSkus();
    expect(microsoft.requestsTo('GET', '/v1.0/subscribedSkus')).toHaveLength(2);
  });

  it('sends a read again after the connection drops', async () => {
    microsoft.route('GET', '/v1.0/subscribedSkus', inTurn({ status: 0, drop: true }, skus));
    await gateway().forTenant(tenantId).listSkus();
    expect(microsoft.requestsTo('GET', '/v1.0/subscribedSkus')).toHaveLength(2);
  });

  it('does not send a create twice when the connection drops', async () => {
    microsoft.route('POST', '/v1.0/users', inTurn({ status: 0, drop: true }));
    const error = await gateway()
      .forTenant(tenantId)
      .createUser(newUser)
      .catch((e) => e);
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(
      `Microsoft 365 could not be reached for tenant ${tenantId}; try again in a few minutes.`,
    );
    expect(microsoft.requestsTo('POST', '/v1.0/users')).toHaveLength(1);
  });
});

describe('$batch', () => {
  const created = { status: 201, body: { id: 'u1', userPrincipalName: 'jane@contoso.com', displayName: 'Jane Doe' } };
  const licensed = { status: 200, body: { id: 'u1', userPrincipalName: 'jane@contoso.com' } };
  type BatchBody = { requests: { id: string; url: string; method: string; dependsOn?: string[] }[] };

  function answerBatch(
    script: (round: number, id: string) => { status: number; headers?: Record<string, string>; body?: unknown },
  ) {
    let round = 0;
    microsoft.route('POST', '/v1.0/$batch', (request) => {
      round++;
      const { requests } = request.body as BatchBody;
      return {
        status: 200,
        body: { responses: requests.map((item) => ({ id: item.id, ...script(round, item.id) })).reverse() },
      };
    });
  }

  const batches = () => microsoft.requestsTo('POST', '/v1.0/$batch').map((r) => r.body as BatchBody);
  const licenses = [{ skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', disabledPlans: [] }];

  it('creates and licenses in one batch, the licence depending on the create, urls without the version', async () => {
    answerBatch((_, id) => (id === 'create' ? created : licensed));
    const user = await gateway().forTenant(tenantId).createLicensedUser({ user: newUser, licences: licenses });
    expect(user).toMatchObject({ id: 'u1', assignedLicenses: licenses, usageLocation: 'US', accountEnabled: true });
    expect(batches()).toEqual([
      {
        requests: [
          expect.objectContaining({ id: 'create', method: 'POST', url: '/users' }),
          expect.objectContaining({
            id: 'license',
            method: 'POST',
            url: '/users/jane%40contoso.com/assignLicense',
            dependsOn: ['create'],
          }),
        ],
      },
    ]);
  });

  it('resends only the throttled item, not the create that succeeded', async () => {
    answerBatch((round, id) => (id === 'create' ? created : round === 1 ? throttled() : licensed));
    await gateway().forTenant(tenantId).createLicensedUser({ user: newUser, licences: licenses });
    const [, second] = batches();
    expect(batches()).toHaveLength(2);
    expect(second?.requests).toEqual([expect.objectContaining({ id: 'license' })]);
    expect(second?.requests[0]?.dependsOn).toBeUndefined();
  });

  it('resends a throttled create with the licence that failed for depending on it', async () => {
    answerBatch((round, id) => {
      if (round > 1) return id === 'create' ? created : licensed;
      return id === 'create' ? throttled() : { status: 424, body: {} };
    });
    await gateway().forTenant(tenantId).createLicensedUser({ user: newUser, licences: licenses });
    expect(batches()[1]?.requests.map((item) => [item.id, item.dependsOn])).toEqual([
      ['create', undefined],
      ['license', ['create']],
    ]);
  });

  it('reports a licence step that failed with the created user id', async () => {
    answerBatch((_, id) =>
      id === 'create'
        ? created
        : {
            status: 400,
            body: {
              error: {
                code: 'Request_BadRequest',
                message:
                  'Subscription with SKU cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46 does not have any available licenses.',
              },
            },
          },
    );
    const error = await gateway()
      .forTenant(tenantId)
      .createLicensedUser({ user: newUser, licences: licenses })
      .catch((e) => e);
    expect(error.code).toBe('no-licenses');
    expect(error.message).toBe(
      'jane@contoso.com was created without licences: The tenant has no free licences left for SKU cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46; buy more or free one before assigning it.',
    );
    expect(error.details.userId).toBe('u1');
  });

  it('reports items still throttled after the retries', async () => {
    answerBatch((_, id) => (id === 'create' ? throttled() : { status: 424, body: {} }));
    const error = await gateway()
      .forTenant(tenantId)
      .createLicensedUser({ user: newUser, licences: licenses })
      .catch((e) => e);
    expect(error.code).toBe('throttled');
    expect(batches()).toHaveLength(4);
  });
});

describe('links and hosts', () => {
  it('follows next links page by page and surfaces a failing page', async () => {
    microsoft.route('GET', '/v1.0/users?', () => ({
      status: 200,
      body: { value: [{ id: '1' }], '@odata.nextLink': `${microsoft.url}/v1.0/users?$skiptoken=p2` },
    }));
    microsoft.route('GET', '/v1.0/users?$skiptoken=p2', () => ({ status: 500, body: {} }));
    const pages: string[][] = [];
    const error = await (async () => {
      for await (const page of gateway().forTenant(tenantId).listUsers(['displayName'])) {
        pages.push(page.map((user) => user.id));
      }
    })().catch((e) => e);
    expect(pages).toEqual([['1']]);
    expect(error.code).toBe('unavailable');
  });

  it('refuses to follow a link to another host', async () => {
    microsoft.route('GET', '/v1.0/users?', () => ({
      status: 200,
      body: { value: [], '@odata.nextLink': 'https://elsewhere.example/v1.0/users?$skiptoken=x' },
    }));
    const read = async () => {
      for await (const _ of gateway().forTenant(tenantId).listUsers(['id'])) {
        // reading every page
      }
    };
    await expect(read()).rejects.toMatchObject({ code: 'unexpected' });
  });

  it('attaches the token to a plain-http Graph on loopback', async () => {
    microsoft.route('GET', '/v1.0/subscribedSkus', () => skus);
    await gateway({ graphUrl: microsoft.httpUrl }).forTenant(tenantId).listSkus();
    const [request] = microsoft.requestsTo('GET', '/v1.0/subscribedSkus');
    expect(String(request?.headers.authorization)).toMatch(/^Bearer ey/);
  });

  it('treats 410 Gone with a Location as an expired delta token', async () => {
    microsoft.route('GET', '/v1.0/users/delta', () => ({
      status: 410,
      headers: { Location: `${microsoft.url}/v1.0/users/delta?$deltatoken=` },
      body: { error: { code: 'resyncRequired', message: 'Resync required.' } },
    }));
    const read = async () => {
      for await (const _ of gateway()
        .forTenant(tenantId)
        .readDelta(['id'], `${microsoft.url}/v1.0/users/delta?$deltatoken=old`)) {
        // reading every page
      }
    };
    await expect(read()).rejects.toMatchObject({ code: 'delta-expired' });
  });
});

describe('logging', () => {
  it('writes one debug line per call without the token', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    microsoft.route('GET', '/v1.0/subscribedSkus', inTurn(throttled(), skus));
    await gateway({ logger: createLogger({ level: 'debug', destination }) })
      .forTenant(tenantId)
      .listSkus();
    const calls = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'graph call');
    expect(calls).toEqual([
      expect.objectContaining({ method: 'GET', path: '/v1.0/subscribedSkus', status: 200, attempts: 2 }),
    ]);
    expect(lines.join('')).not.toMatch(/Bearer|app-secret/);
  });
});
