import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The request and answer shapes every simulator route works with, and their translation from and to Node's HTTP. */

export interface SimRequest {
  method: string;
  /** Decoded path without the query, e.g. `/graph/v1.0/users/adele@contoso.com`. */
  path: string;
  query: URLSearchParams;
  /** The query string as sent, without `?`. */
  rawQuery: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  rawBody: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (HTML pages); wins over body. */
  text?: string;
}

export function readRequest(message: IncomingMessage): Promise<SimRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('error', reject);
    message.on('end', () => {
      const url = message.url ?? '/';
      const queryAt = url.indexOf('?');
      const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
      const rawQuery = queryAt === -1 ? '' : url.slice(queryAt + 1);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      let path: string;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        path = rawPath; // not valid percent-encoding: routes then answer it as an unknown segment
      }
      resolve({
        method: (message.method ?? 'GET').toUpperCase(),
        path,
        query: new URLSearchParams(rawQuery),
        rawQuery,
        headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}

export function writeResponse(response: ServerResponse, answer: SimResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload = '';
  if (answer.text !== undefined) {
    payload = answer.text;
    headers['Content-Type'] ??= 'text/html; charset=utf-8';
  } else if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    headers['Content-Type'] ??= 'application/json; charset=utf-8';
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  response.writeHead(answer.status, headers);
  response.end(payload);
}

/** Graph's timestamp form in innerError.date: seconds precision, no zone letter. */
export function graphDate(now: number): string {
  return new Date(now).toISOString().slice(0, 19);
}

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

export function requestIdsOf(request: SimRequest): RequestIds {
  const requestId = randomUUID();
  return { requestId, clientRequestId: request.headers['client-request-id'] ?? requestId };
}

export function graphErrorBody(
  code: string,
  message: string,
  ids: RequestIds,
  now: number,
  details?: { target?: string; code: string }[],
): unknown {
  return {
    error: {
      code,
      message,
      ...(details ? { details } : {}),
      innerError: { date: graphDate(now), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId },
    },
  };
}

/** Parses a JSON body; undefined for an empty one, a Graph-style 400 message for a broken one. */
export function parseJsonBody(request: SimRequest): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!request.rawBody.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(request.rawBody) };
  } catch {
    return {
      ok: false,
      message:
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    };
  }
}
