import type { TokenIssuer } from '../authority/access-tokens';
import { graphResource } from '../authority/app-roles';
import type { FaultInjector } from '../faults/fault-injector';
import { parseJsonBody, requestIdsOf, type SimRequest, type SimResponse } from '../http/sim-http';
import type { SubscriptionHub } from '../notify/subscription-hub';
import { purgeExpiredUsers } from '../state/directory';
import { GraphFault } from '../state/graph-fault';
import { settleGroupLicenses } from '../state/group-licensing';
import { settleMailboxes } from '../state/mailboxes';
import type { SimState, SimTenant } from '../state/tenant-state';
import { faultAnswer, injectedAnswer } from './graph-answers';
import { dispatchGraph, resourceUnits, routeNameOf } from './graph-router';
import type { GraphContext } from './graph-types';
import { runBatch } from './json-batch';

/**
 * Graph over HTTP at `<graphUrl>/v1.0/...`: checks the bearer token (401 InvalidAuthenticationToken), applies
 * injected faults before anything runs, dispatches, and stamps every answer with Graph's headers.
 */

export interface GraphEndpoint {
  state: SimState;
  tokens: TokenIssuer;
  faults: FaultInjector;
  /** e.g. https://127.0.0.1:8443/graph */
  graphBase: string;
  subscriptions?: SubscriptionHub;
  validation?: GraphContext['validation'];
}

export interface GraphAnswer {
  response: SimResponse;
  /** For request counts. */
  routeName: string;
}

/** The caller's tenant and effective roles: the token's roles that the tenant still grants. */
export function authenticate(
  endpoint: { state: SimState; tokens: TokenIssuer },
  request: SimRequest,
  audience: string,
): { tenant: SimTenant; roles: Set<string> } | { fault: GraphFault } {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const check = endpoint.tokens.check(bearer, audience);
  if (!check.ok) return { fault: new GraphFault(401, 'InvalidAuthenticationToken', check.message) };
  const tenant = endpoint.state.tenants.get(check.claims.tid);
  if (!tenant || tenant.consent === 'none') {
    return {
      fault: new GraphFault(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'),
    };
  }
  const granted = (role: string) => tenant.consent === 'granted' && !tenant.withheldPermissions.has(role);
  const roles = new Set((check.claims.roles ?? []).filter(granted));
  return { tenant, roles };
}

function withGraphHeaders(
  answer: SimResponse,
  ids: { requestId: string; clientRequestId: string },
  units: number,
): SimResponse {
  return {
    ...answer,
    headers: {
      'Cache-Control': 'no-cache',
      'OData-Version': '4.0',
      'request-id': ids.requestId,
      'client-request-id': ids.clientRequestId,
      'x-ms-ags-diagnostic': JSON.stringify({
        ServerInfo: { DataCenter: 'Simulated', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'SIM' },
      }),
      'x-ms-resource-unit': String(units),
      ...(answer.body !== undefined && answer.text === undefined
        ? {
            'Content-Type':
              'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
          }
        : {}),
      ...answer.headers,
    },
  };
}

export function answerGraph(endpoint: GraphEndpoint, request: SimRequest, path: string): GraphAnswer {
  const { state } = endpoint;
  const now = state.now();
  const ids = requestIdsOf(request);
  const finish = (answer: SimResponse, routeName: string, units = 1): GraphAnswer => ({
    response: withGraphHeaders(answer, ids, units),
    routeName,
  });
  const version = /^\/(v1\.0|beta)(\/.*)$/.exec(path);
  if (!version) {
    const segment = path.split('/').filter(Boolean)[0] ?? '';
    return finish(
      faultAnswer(new GraphFault(400, 'BadRequest', `Invalid version: ${segment}`), ids, now),
      `${request.method} (no version)`,
    );
  }
  const relative = version[2] as string;
  const auth = authenticate(endpoint, request, graphResource);
  if ('fault' in auth) return finish(faultAnswer(auth.fault, ids, now), `${request.method} (unauthenticated)`);
  settleGroupLicenses(state, auth.tenant);
  settleMailboxes(state, auth.tenant);
  purgeExpiredUsers(state, auth.tenant);
  const context: GraphContext = {
    state,
    tenant: auth.tenant,
    graphBase: endpoint.graphBase,
    roles: auth.roles,
    faults: endpoint.faults,
    subscriptions: endpoint.subscriptions,
    validation: endpoint.validation,
  };
  const isBatch = relative === '/$batch' && request.method === 'POST';
  // Graph throttles the items of a batch one by one, not the batch itself.
  const injected = isBatch ? undefined : endpoint.faults.strike();
  if (injected) {
    const answer = injectedAnswer(injected, ids, now, { appId: state.app.clientId, tenantId: auth.tenant.id });
    return finish(answer, `${routeNameOf(request.method, relative)} (fault)`);
  }
  const routeName = routeNameOf(request.method, relative);
  const refused = endpoint.faults.strikeRoute(`${request.method} /v1.0${routeName.slice(routeName.indexOf(' ') + 1)}`);
  if (refused) {
    const fault = new GraphFault(refused.status, refused.code, refused.message);
    return finish(faultAnswer(fault, ids, now), `${routeName} (fault)`);
  }
  const body = parseJsonBody(request);
  if (!body.ok)
    return finish(
      faultAnswer(new GraphFault(400, 'BadRequest', body.message), ids, now),
      `${request.method} (bad body)`,
    );
  if (isBatch) {
    try {
      return finish(runBatch(context, request, body.value), 'POST /$batch');
    } catch (error) {
      if (error instanceof GraphFault) return finish(faultAnswer(error, ids, now), 'POST /$batch');
      throw error;
    }
  }
  const outcome = dispatchGraph(context, {
    method: request.method,
    path: relative,
    query: request.query,
    headers: request.headers,
    body: body.value,
  });
  const answer = outcome.fault ? faultAnswer(outcome.fault, ids, now) : (outcome.response as SimResponse);
  return finish(answer, outcome.routeName, resourceUnits(outcome.routeName, request.query));
}
