/**
 * A scripted Microsoft endpoint for gateway protocol tests: a sign-in authority that MSAL accepts (OpenID
 * metadata, client-credentials tokens) and Graph / Exchange routes whose answers each test scripts, over HTTPS
 * with its own CA (and over plain http on a second port). It records every request, so tests can assert what
 * went over the wire and how often. The full behaviour of Microsoft 365 lives in the simulator (sim/); this is
 * for answers the simulator would only give by chance (an inner 429 on one batch item, a dropped connection).
 */
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import type { M365GatewayOptions } from '../../m365/index';

export interface ScriptedRequest {
  method: string;
  /** Path and query as sent, e.g. `/v1.0/users?$top=999`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Close the connection without answering (a network failure). */
  drop?: boolean;
}

export type ScriptedHandler = (request: ScriptedRequest) => ScriptedAnswer;

export interface TokenScript {
  /** App roles put in the token; [] issues a token without a `roles` claim. */
  roles?: string[];
  /** Answer the token request with this Entra error instead. */
  error?: { status: number; error: string; code: number; description: string };
}

export interface ScriptedMicrosoft {
  /** https://127.0.0.1:<port>: authority, Graph (`/v1.0/…`) and Exchange (`/adminapi/…`) alike. */
  url: string;
  /** The same routes over plain http. */
  httpUrl: string;
  caPem: string;
  requests: ScriptedRequest[];
  /** Adds a route; the first route whose method and path prefix match answers (later routes win ties). */
  route(method: string, pathPrefix: string, handler: ScriptedHandler): void;
  /** What the token endpoint does for a tenant (default: a token with roles ['User.ReadWrite.All']). */
  scriptTokens(tenantId: string, script: TokenScript): void;
  requestsTo(method: string, pathPrefix: string): ScriptedRequest[];
  close(): Promise<void>;
}

/** Gateway options for the scripted endpoint: app `app-id`, every base URL on its HTTPS port, its CA trusted. */
export function scriptedMicrosoftGatewayOptions(microsoft: ScriptedMicrosoft): M365GatewayOptions {
  return {
    clientId: 'app-id',
    clientSecret: 'app-secret',
    loginUrl: microsoft.url,
    graphUrl: microsoft.url,
    exchangeUrl: microsoft.url,
    ca: microsoft.caPem,
  };
}

function createCertificates(): { caPem: string; keyPem: string; certPem: string } {
  const toForgeKey = (pem: string) => forge.pki.privateKeyFromPem(pem);
  const makeKeys = () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privatePem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    return {
      privatePem,
      privateKey: toForgeKey(privatePem),
      publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    };
  };
  const ca = makeKeys();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = '01';
  caCert.validity.notBefore = new Date(Date.now() - 60_000);
  caCert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const caName = [{ name: 'commonName', value: 'scripted-microsoft test CA' }];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const leaf = makeKeys();
  const leafCert = forge.pki.createCertificate();
  leafCert.publicKey = leaf.publicKey;
  leafCert.serialNumber = '02';
  leafCert.validity.notBefore = caCert.validity.notBefore;
  leafCert.validity.notAfter = caCert.validity.notAfter;
  leafCert.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
  leafCert.setIssuer(caName);
  leafCert.setExtensions([
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
    { name: 'extKeyUsage', serverAuth: true },
  ]);
  leafCert.sign(ca.privateKey, forge.md.sha256.create());
  return {
    caPem: forge.pki.certificateToPem(caCert),
    keyPem: createPrivateKey(leaf.privatePem).export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: forge.pki.certificateToPem(leafCert),
  };
}

function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

// Key generation is the slow part of starting; one CA per test process is enough.
let certificates: ReturnType<typeof createCertificates> | undefined;

export async function startScriptedMicrosoft(): Promise<ScriptedMicrosoft> {
  certificates ??= createCertificates();
  const { caPem, keyPem, certPem } = certificates;
  const requests: ScriptedRequest[] = [];
  const routes: { method: string; pathPrefix: string; handler: ScriptedHandler }[] = [];
  const tokenScripts = new Map<string, TokenScript>();
  let httpsUrl = '';

  const authority = (request: ScriptedRequest): ScriptedAnswer | undefined => {
    const [, tenant, ...rest] = request.url.split('?')[0]?.split('/') ?? [];
    const tail = rest.join('/');
    if (request.method === 'GET' && tail === 'v2.0/.well-known/openid-configuration') {
      const base = `${httpsUrl}/${tenant}`;
      return {
        status: 200,
        body: {
          issuer: `${base}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          response_types_supported: ['code'],
        },
      };
    }
    if (request.method === 'POST' && tail === 'oauth2/v2.0/token' && tenant) {
      const script = tokenScripts.get(tenant) ?? {};
      if (script.error) {
        return {
          status: script.error.status,
          body: {
            error: script.error.error,
            error_description: `${script.error.description}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}`,
            error_codes: [script.error.code],
          },
        };
      }
      const scope = new URLSearchParams(String(request.body)).get('scope') ?? '';
      const roles = script.roles ?? ['User.ReadWrite.All'];
      const claims: Record<string, unknown> = { tid: tenant, aud: scope.replace('/.default', '') };
      if (roles.length > 0) claims.roles = roles;
      return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: unsignedJwt(claims) } };
    }
    return undefined;
  };

  const handle = (incoming: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    incoming.on('data', (chunk) => {
      raw += chunk;
    });
    incoming.on('end', () => {
      let body: unknown = raw;
      if ((incoming.headers['content-type'] ?? '').includes('json') && raw) body = JSON.parse(raw);
      const request: ScriptedRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body,
      };
      requests.push(request);
      const route = [...routes]
        .reverse()
        .find((r) => r.method === request.method && request.url.startsWith(r.pathPrefix));
      const answer = authority(request) ??
        route?.handler(request) ?? {
          status: 404,
          body: { error: { code: 'Request_ResourceNotFound', message: `No scripted route for ${request.url}.` } },
        };
      if (answer.drop) {
        incoming.socket.destroy();
        return;
      }
      response.writeHead(answer.status, {
        'content-type': 'application/json',
        'request-id': randomUUID(),
        ...answer.headers,
      });
      response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    });
  };

  const secure = createHttpsServer({ key: keyPem, cert: certPem }, handle);
  const plain = createHttpServer(handle);
  httpsUrl = `https://127.0.0.1:${await listen(secure)}`;
  const httpUrl = `http://127.0.0.1:${await listen(plain)}`;

  return {
    url: httpsUrl,
    httpUrl,
    caPem,
    requests,
    route: (method, pathPrefix, handler) => {
      routes.push({ method, pathPrefix, handler });
    },
    scriptTokens: (tenantId, script) => {
      tokenScripts.set(tenantId, script);
    },
    requestsTo: (method, pathPrefix) => requests.filter((r) => r.method === method && r.url.startsWith(pathPrefix)),
    close: async () => {
      for (const server of [secure, plain]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
