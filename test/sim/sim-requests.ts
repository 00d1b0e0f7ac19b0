/**
 * Plain HTTPS calls to the simulator, trusting only its CA (no SDKs: the gateway's tests use those), so the
 * simulator's tests see exactly the status, headers and bodies a client would.
 */
import { request } from 'node:https';
import type { RunningSimulator } from '../../sim/types';

export const contosoId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
export const fabrikamId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const northwindId = 'b3a1c2d4-8e9f-4a0b-9c1d-2e3f4a5b6c7d';
export const graphResource = 'https://graph.microsoft.com';
export const exchangeResource = 'https://outlook.office365.com';
export const skuIds = {
  SPB: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
  O365_BUSINESS_ESSENTIALS: '3b555118-da6a-4418-894f-7df1e2096870',
  EXCHANGESTANDARD: '4b9405b0-7788-4568-add1-99614e613b69',
  O365_BUSINESS_PREMIUM: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3',
};
export const globalAdminTemplateId = '62e90394-69f5-4237-9190-012177145e10';

export interface SimAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
  json: any;
}

export function call(
  simulator: RunningSimulator,
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: unknown; form?: Record<string, string> } = {},
): Promise<SimAnswer> {
  let payload: string | undefined;
  const headers: Record<string, string> = { ...options.headers };
  if (options.form) {
    payload = new URLSearchParams(options.form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers, ca: simulator.caPem }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined; // HTML pages
        }
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text, json });
      });
    });
    outgoing.on('error', reject);
    if (payload !== undefined) outgoing.write(payload);
    outgoing.end();
  });
}

export async function requestToken(
  simulator: RunningSimulator,
  tenant: string,
  resource = graphResource,
): Promise<SimAnswer> {
  return call(simulator, 'POST', `${simulator.loginUrl}/${tenant}/oauth2/v2.0/token`, {
    form: {
      client_id: simulator.clientId,
      client_secret: simulator.clientSecret,
      grant_type: 'client_credentials',
      scope: `${resource}/.default`,
    },
  });
}

export async function tokenFor(simulator: RunningSimulator, tenant: string, resource = graphResource): Promise<string> {
  const answer = await requestToken(simulator, tenant, resource);
  if (answer.status !== 200) throw new Error(`no token for ${tenant}: ${answer.text}`);
  return answer.json.access_token as string;
}

export type GraphCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<SimAnswer>;

/** Graph calls for one tenant: `path` is relative to /v1.0 (`/users?$top=5`) or a full link Graph gave. */
export async function graphFor(simulator: RunningSimulator, tenant: string): Promise<GraphCall> {
  const token = await tokenFor(simulator, tenant);
  return (method, path, body, headers) =>
    call(simulator, method, path.startsWith('https://') ? path : `${simulator.graphUrl}/v1.0${path}`, {
      body,
      headers: { Authorization: `Bearer ${token}`, ...headers },
    });
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

export const strongPassword = 'Xw7!pQ2#lm';

export function newUserBody(upn: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountEnabled: true,
    displayName: upn.split('@')[0],
    mailNickname: upn.split('@')[0]?.replace(/[^A-Za-z0-9]/g, ''),
    userPrincipalName: upn,
    passwordProfile: { forceChangePasswordNextSignIn: true, password: strongPassword },
    ...extra,
  };
}
