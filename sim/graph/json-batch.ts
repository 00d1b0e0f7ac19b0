import { requestIdsOf, type SimRequest, type SimResponse } from '../http/sim-http';
import { GraphFault } from '../state/graph-fault';
import { faultAnswer, injectedAnswer } from './graph-answers';
import { dispatchGraph, resourceUnits } from './graph-router';
import type { GraphContext } from './graph-types';

/**
 * `POST /$batch`: at most 20 items with unique ids and version-relative urls, run in dependency order; an item
 * whose dependency failed gets 424; each item is throttled on its own (429 with its own Retry-After); the
 * answers come back in an order of the simulator's choosing, as Graph does not promise one.
 */

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

interface ItemAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export const maxBatchRequests = 20;

function readItems(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) throw new GraphFault(400, 'BadRequest', 'Invalid batch payload format.');
  if (requests.length > maxBatchRequests) {
    throw new GraphFault(
      400,
      'BadRequest',
      `Maximum requests limit exceeded, Max allowed number of requests are ${maxBatchRequests}`,
    );
  }
  const ids = new Set<string>();
  for (const raw of requests as BatchItem[]) {
    if (!raw || typeof raw.id !== 'string' || typeof raw.method !== 'string' || typeof raw.url !== 'string') {
      throw new GraphFault(
        400,
        'BadRequest',
        'Invalid batch payload format: every request needs an id, a method and a url.',
      );
    }
    if (ids.has(raw.id))
      throw new GraphFault(400, 'BadRequest', `Batch request contains duplicate request id '${raw.id}'.`);
    ids.add(raw.id);
    const headers = Object.fromEntries(
      Object.entries(raw.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    if (raw.body !== undefined && !headers['content-type']) {
      throw new GraphFault(
        400,
        'BadRequest',
        `Write request id : ${raw.id} does not contain Content-Type header or body.`,
      );
    }
  }
  for (const raw of requests as BatchItem[]) {
    for (const dependency of raw.dependsOn ?? []) {
      if (!ids.has(dependency)) {
        throw new GraphFault(
          400,
          'BadRequest',
          `Request id '${raw.id}' depends on request id '${dependency}', which is not in the batch.`,
        );
      }
    }
  }
  return requests as BatchItem[];
}

function runItem(context: GraphContext, outer: SimRequest, item: BatchItem): ItemAnswer {
  const now = context.state.now();
  const ids = requestIdsOf(outer);
  const base = { 'Cache-Control': 'no-cache', 'Content-Type': 'application/json' };
  if (/^https?:/i.test(item.url)) {
    return {
      id: item.id,
      status: 400,
      headers: base,
      body: faultAnswer(
        new GraphFault(400, 'BadRequest', 'Invalid request URI: batch requests need a relative URL.'),
        ids,
        now,
      ).body,
    };
  }
  const injected = context.faults.strike();
  if (injected) {
    const answer = injectedAnswer(injected, ids, now, {
      appId: context.state.app.clientId,
      tenantId: context.tenant.id,
    });
    return { id: item.id, status: answer.status, headers: { ...base, ...answer.headers }, body: answer.body };
  }
  const relative = item.url.startsWith('/') ? item.url : `/${item.url}`;
  const queryAt = relative.indexOf('?');
  const rawPath = queryAt === -1 ? relative : relative.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : relative.slice(queryAt + 1));
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // left encoded: answered as an unknown segment
  }
  const outcome = dispatchGraph(context, {
    method: item.method.toUpperCase(),
    path,
    query,
    headers: item.headers ?? {},
    body: item.body,
  });
  const answer = outcome.fault ? faultAnswer(outcome.fault, ids, now) : (outcome.response as SimResponse);
  return {
    id: item.id,
    status: answer.status,
    headers: { ...base, 'x-ms-resource-unit': String(resourceUnits(outcome.routeName, query)), ...answer.headers },
    ...(answer.body !== undefined ? { body: answer.body } : {}),
  };
}

export function runBatch(context: GraphContext, outer: SimRequest, body: unknown): SimResponse {
  const items = readItems(body);
  const done = new Map<string, ItemAnswer>();
  const pending = [...items];
  while (pending.length > 0) {
    const index = pending.findIndex((item) => (item.dependsOn ?? []).every((dependency) => done.has(dependency)));
    if (index === -1) {
      throw new GraphFault(400, 'BadRequest', 'The dependsOn references of the batch form a cycle.');
    }
    const [item] = pending.splice(index, 1) as [BatchItem];
    const failed = (item.dependsOn ?? []).find((dependency) => (done.get(dependency)?.status ?? 0) >= 400);
    if (failed) {
      done.set(item.id, {
        id: item.id,
        status: 424,
        headers: { 'Content-Type': 'application/json' },
        body: {
          error: { code: 'FailedDependency', message: `The request depends on request '${failed}', which failed.` },
        },
      });
      continue;
    }
    done.set(item.id, runItem(context, outer, item));
  }
  // Graph does not keep the request order; answering last-run-first keeps clients honest.
  return { status: 200, body: { responses: [...done.values()].reverse() } };
}
