/**
 * A local Bot Framework token issuer for tests: an OpenID metadata document and its JWKS on loopback, a signer
 * for channel tokens (RS256) like the ones Teams sends in `Authorization: Bearer …`, and the authority that gives the
 * bot its own tokens (client credentials at ToChannelFromBotLoginUrl, answering like Entra). botbuilder caches
 * metadata per URL for the whole process, so one key and kid serve every test.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpenIdStandIn {
  metadataUrl: string;
  issuer: string;
  /** The seven override keys ConfigurationBotFrameworkAuthentication needs together, plus the app id. */
  botEnv(appId: string): Record<string, string>;
  signChannelToken(claims: Record<string, unknown>): string;
  /** A token signed by a key the metadata does not publish, under the published key id (a forger's token). */
  signWithUnknownKey(claims: Record<string, unknown>): string;
  close(): Promise<void>;
}

const kid = 'm365ops-test-key';
const botPassword = 'test-password-not-a-secret';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const unknownKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

export async function startOpenIdStandIn(): Promise<OpenIdStandIn> {
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST' && req.url === '/login/oauth2/v2.0/token') {
      let raw = '';
      req.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      req.on('end', () => answerTokenRequest(res, new URLSearchParams(raw), `${base}/scope/.default`));
    } else if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(
        JSON.stringify({
          issuer: `${base}/issuer`,
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [{ ...publicJwk(publicKey), kid, use: 'sig', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/issuer`;
  const metadataUrl = `${base}/v1/.well-known/openidconfiguration`;
  return {
    metadataUrl,
    issuer,
    botEnv: (appId) => ({
      MicrosoftAppId: appId,
      MicrosoftAppPassword: botPassword,
      ToChannelFromBotLoginUrl: `${base}/login`,
      ToChannelFromBotOAuthScope: `${base}/scope`,
      ToBotFromChannelTokenIssuer: issuer,
      OAuthUrl: `${base}/oauth`,
      ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
      CallerId: 'urn:botframework:azure',
    }),
    signChannelToken: (claims) => signRs256({ alg: 'RS256', typ: 'JWT', kid }, claims, privateKey),
    signWithUnknownKey: (claims) => signRs256({ alg: 'RS256', typ: 'JWT', kid }, claims, unknownKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Client credentials for the bot: a token for the right secret and scope, Entra's AADSTS answers otherwise. */
function answerTokenRequest(res: ServerResponse, form: URLSearchParams, scope: string): void {
  const refuse = (status: number, error: string, code: number, description: string) => {
    res.statusCode = status;
    res.end(JSON.stringify({ error, error_description: `AADSTS${code}: ${description}`, error_codes: [code] }));
  };
  if (form.get('grant_type') !== 'client_credentials') {
    refuse(400, 'unsupported_grant_type', 70003, 'Bad grant.');
  } else if (form.get('client_secret') !== botPassword) {
    refuse(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
  } else if (form.get('scope') !== scope) {
    refuse(400, 'invalid_scope', 70011, 'The scope is not valid.');
  } else {
    const claims = { aud: scope, appid: form.get('client_id') };
    const token = signRs256({ alg: 'RS256', typ: 'JWT', kid }, claims, privateKey);
    res.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: token }));
  }
}

function publicJwk(key: KeyObject): Record<string, unknown> {
  const { kty, n, e } = key.export({ format: 'jwk' });
  return { kty, n, e };
}

function signRs256(header: object, claims: object, key: KeyObject): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key).toString('base64url');
  return `${signingInput}.${signature}`;
}
