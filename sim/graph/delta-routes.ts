import { GraphFault } from '../state/graph-fault';
import type { SimTenant, SimUser } from '../state/tenant-state';
import type { GraphContext, GraphRequest, GraphRoute } from './graph-types';
import { contextUrl, ok } from './graph-types';
import { decodeToken, encodeToken, pageAfter, pageOfIds } from './page-tokens';
import { parseUserSelect, userJson } from './user-shape';
import { throwPageFault } from './users-routes';

/**
 * `/users/delta`. A round's sync point is the tenant's sequence number when the round started; the next round
 * returns users whose selected properties (or the whole object: create, restore) changed after it, soft-deleted
 * users as `@removed: changed` and purged ones as `@removed: deleted`. Pages of 200 are cut by object id, so a
 * change during a round is seen in this round or the next, never lost (replays are allowed, as in Graph).
 */

const deltaPageSize = 200;

interface DeltaState {
  k: 'delta';
  /** Tenant delta generation the token belongs to. */
  g: number;
  select?: string[];
  /** Sync point: changes after this sequence number; absent on the initial round. */
  from?: number;
  /** Upper bound of the round: the next round starts here. */
  upto: number;
  after?: string;
  page: number;
}

type DeltaEntry = { id: string; user?: SimUser; removed?: 'changed' | 'deleted' };

function relevantSeq(user: SimUser, select: string[] | undefined): number {
  const seqs = select ? select.map((name) => user.propertySeqs[name] ?? 0) : Object.values(user.propertySeqs);
  return Math.max(user.wholeSeq, ...seqs);
}

/**
 * The round's next page after the cursor: active users walked in id order from the index (all of them on the
 * initial round, those changed within the round after), merged with the round's removals.
 */
function pageOfRound(tenant: SimTenant, state: DeltaState): { page: DeltaEntry[]; more: boolean } {
  const activeUser = (id: string) => tenant.users.get(id) as SimUser;
  if (state.from === undefined) {
    return pageOfIds(tenant.index.ids, state.after, deltaPageSize, (id) => ({ id, user: activeUser(id) }));
  }
  const from = state.from;
  const inRound = (seq: number) => seq > from && seq <= state.upto;
  const active = pageOfIds(tenant.index.ids, state.after, deltaPageSize, (id) => {
    const user = activeUser(id);
    return inRound(relevantSeq(user, state.select)) ? { id, user } : undefined;
  });
  const removals: DeltaEntry[] = [];
  for (const user of tenant.deleted.values()) {
    if (inRound(user.wholeSeq)) removals.push({ id: user.id, removed: 'changed' });
  }
  for (const purged of tenant.purged) {
    if (inRound(purged.seq)) removals.push({ id: purged.id, removed: 'deleted' });
  }
  if (removals.length === 0) return active;
  const merged = pageAfter([...active.page, ...removals], state.after, deltaPageSize);
  return { page: merged.page, more: merged.more || active.more };
}

function deltaLinkOf(context: GraphContext, token: string): string {
  return `${context.graphBase}/v1.0/users/delta?$deltatoken=${token}`;
}

function expired(context: GraphContext, state: DeltaState): GraphFault {
  if (context.tenant.deltaExpiryAnswer === 'syncStateNotFound') {
    return new GraphFault(
      400,
      'syncStateNotFound',
      'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    );
  }
  const select = state.select ? `$select=${state.select.join(',')}&` : '';
  return new GraphFault(
    410,
    'resyncRequired',
    'Resync required. Replace any local cached copy with the delta results of the Location URL.',
    undefined,
    {
      Location: `${context.graphBase}/v1.0/users/delta?${select}$deltatoken=`,
    },
  );
}

function startState(context: GraphContext, request: GraphRequest): DeltaState {
  return {
    k: 'delta',
    g: context.tenant.deltaGeneration,
    select: parseUserSelect(request.query.get('$select')),
    upto: context.tenant.seq,
    page: 1,
  };
}

function readDelta(context: GraphContext, request: GraphRequest) {
  const { tenant } = context;
  const deltaToken = request.query.get('$deltatoken');
  const skipToken = request.query.get('$skiptoken');
  let state: DeltaState;
  if (skipToken) {
    state = decodeToken<DeltaState>(skipToken, 'delta');
  } else if (deltaToken === 'latest') {
    const latest = { ...startState(context, request), from: tenant.seq };
    return ok({
      '@odata.context': contextUrl(context, 'users'),
      '@odata.deltaLink': deltaLinkOf(context, encodeToken(latest)),
      value: [],
    });
  } else if (deltaToken) {
    const previous = decodeToken<DeltaState>(deltaToken, 'delta');
    state = { ...previous, from: previous.upto, upto: tenant.seq, after: undefined, page: 1 };
  } else {
    state = startState(context, request);
  }
  if (state.g !== tenant.deltaGeneration) throw expired(context, state);
  throwPageFault(context, state.page, 'users/delta');

  const { page, more } = pageOfRound(tenant, state);
  const value = page.map((entry) =>
    entry.user
      ? { ...userJson(entry.user, state.select), id: entry.id }
      : { '@odata.type': '#microsoft.graph.user', id: entry.id, '@removed': { reason: entry.removed } },
  );
  const body: Record<string, unknown> = { '@odata.context': contextUrl(context, 'users') };
  if (more) {
    const next = encodeToken({ ...state, after: page[page.length - 1]?.id, page: state.page + 1 });
    body['@odata.nextLink'] = `${context.graphBase}/v1.0/users/delta?$skiptoken=${next}`;
  } else {
    const next: DeltaState = { k: 'delta', g: state.g, select: state.select, upto: state.upto, page: 1 };
    body['@odata.deltaLink'] = deltaLinkOf(context, encodeToken(next));
  }
  body.value = value;
  return ok(body);
}

export const deltaRoutes: GraphRoute[] = [
  {
    method: 'GET',
    pattern: /^\/users\/delta(?:\(\))?$/,
    name: 'GET /users/delta',
    permission: 'read-users',
    handle: readDelta,
  },
];
