import type { SimResponse } from '../http/sim-http';
import { GraphFault } from '../state/graph-fault';
import { deletedItemsRoutes } from './deleted-items-routes';
import { deltaRoutes } from './delta-routes';
import type { GraphContext, GraphRequest, GraphRoute, Permission } from './graph-types';
import { groupRoutes } from './group-routes';
import { organizationRoutes } from './organization-routes';
import { roleRoutes } from './role-routes';
import { subscriptionRoutes } from './subscription-routes';
import { userRoutes } from './users-routes';

/** Graph v1.0 routes as data, with the app permissions each needs; unmatched segments answered like Graph. */

const routes: GraphRoute[] = [
  ...deltaRoutes,
  ...groupRoutes,
  ...userRoutes,
  ...organizationRoutes,
  ...roleRoutes,
  ...deletedItemsRoutes,
  ...subscriptionRoutes,
];

const rolesFor: Record<Permission, string[]> = {
  'read-users': ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'write-users': ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  'read-organization': [
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  'read-domains': ['Domain.Read.All', 'Domain.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'read-roles': [
    'RoleManagement.Read.Directory',
    'RoleManagement.ReadWrite.Directory',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  'write-roles': ['RoleManagement.ReadWrite.Directory'],
  'read-groups': [
    'GroupMember.Read.All',
    'GroupMember.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  'write-group-members': ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  'revoke-sessions': ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
};

export interface RoutedOutcome {
  /** A route answer, or the fault to put in Graph's error envelope. */
  response?: SimResponse;
  fault?: GraphFault;
  routeName: string;
}

/** The route name a request would take (for counting requests that a fault answered before they ran). */
export function routeNameOf(method: string, path: string): string {
  const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
  return route ? route.name : `${method} (unknown)`;
}

export function dispatchGraph(context: GraphContext, request: GraphRequest): RoutedOutcome {
  const candidates = routes
    .map((route) => ({ route, match: route.pattern.exec(request.path) }))
    .filter((candidate) => candidate.match !== null);
  const chosen = candidates.find((candidate) => candidate.route.method === request.method);
  if (!chosen) {
    if (candidates.length > 0) {
      return {
        routeName: `${request.method} ${candidates[0]?.route.name.split(' ')[1]}`,
        fault: new GraphFault(
          405,
          'Request_BadRequest',
          'Specified HTTP method is not allowed for the request target.',
        ),
      };
    }
    const segment = request.path.split('/').filter(Boolean)[0] ?? '';
    return {
      routeName: `${request.method} (unknown)`,
      fault: new GraphFault(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
    };
  }
  const { route, match } = chosen;
  if (!rolesFor[route.permission].some((role) => context.roles.has(role))) {
    return {
      routeName: route.name,
      fault: new GraphFault(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
    };
  }
  try {
    return { routeName: route.name, response: route.handle(context, request, [...(match as RegExpExecArray)]) };
  } catch (error) {
    if (error instanceof GraphFault) return { routeName: route.name, fault: error };
    throw error;
  }
}

/** Resource units a request costs (Graph's identity throttling table), for `x-ms-resource-unit`. */
export function resourceUnits(routeName: string, query: URLSearchParams): number {
  if (!routeName.startsWith('GET ')) return 1;
  const costs: Record<string, number> = {
    'GET /users': 2,
    'GET /users/{id}': 2,
    'GET /subscribedSkus': 3,
    'GET /groups/{id}/members': 3,
    'GET /users/{id}/memberOf': 2,
  };
  let cost = costs[routeName] ?? 1;
  if (query.has('$select')) cost -= 1;
  const top = Number(query.get('$top'));
  if (query.has('$top') && top < 20) cost -= 1;
  return Math.max(1, cost);
}
