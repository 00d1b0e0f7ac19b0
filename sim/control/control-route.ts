import { timingSafeEqual } from 'node:crypto';
import type { SimRequest, SimResponse } from '../http/sim-http';
import type { SimControl } from '../types';

/**
 * The control API over HTTP for tests in another process: `POST /_sim/control/<method>` with `{"args":[…]}`
 * and the header `x-sim-secret: <clientSecret>`; answers `{"result":…}` or 400 `{"error":"…"}`.
 */

export const controlPrefix = '/_sim/control/';

function sameSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function answerControl(control: SimControl, secret: string, request: SimRequest): SimResponse {
  if (!sameSecret(request.headers['x-sim-secret'], secret)) {
    return { status: 401, body: { error: 'The control API needs the header x-sim-secret with the client secret.' } };
  }
  if (request.method !== 'POST') return { status: 405, body: { error: 'The control API takes POST.' } };
  const method = request.path.slice(controlPrefix.length);
  const operation = Object.hasOwn(control, method)
    ? (control as unknown as Record<string, unknown>)[method]
    : undefined;
  if (typeof operation !== 'function')
    return { status: 404, body: { error: `The control API has no method ${method}.` } };
  let args: unknown[] = [];
  try {
    const body = request.rawBody.trim() ? (JSON.parse(request.rawBody) as { args?: unknown }) : {};
    args = Array.isArray(body.args) ? body.args : [];
  } catch {
    return { status: 400, body: { error: 'The control API body must be JSON like {"args":[…]}.' } };
  }
  try {
    const result = (operation as (...values: unknown[]) => unknown)(...args);
    return { status: 200, body: { result: result ?? null } };
  } catch (error) {
    return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
  }
}
