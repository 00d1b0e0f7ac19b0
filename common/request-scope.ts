/**
 * The request a piece of work belongs to, carried through its awaits (AsyncLocalStorage): the HTTP server opens a
 * scope per request, the CLI one per run, and every log line written inside it carries its request id, so the
 * request's line, the command's line and the Microsoft calls in between can be found together.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const scope = new AsyncLocalStorage<{ requestId: string }>();

/** A caller's own id (x-request-id) is kept when it is a plain token of at most 128 characters. */
const acceptableId = /^[A-Za-z0-9._:-]{1,128}$/;

export function runWithRequestId<T>(requestId: string | undefined, work: () => T): T {
  const id = requestId !== undefined && acceptableId.test(requestId) ? requestId : randomUUID();
  return scope.run({ requestId: id }, work);
}

/** The request id of the scope this runs in, if any. */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}
