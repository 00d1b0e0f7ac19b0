import { purgeUser, restoreUser } from '../state/directory';
import { badRequest, notFound } from '../state/graph-fault';
import type { SimUser } from '../state/tenant-state';
import { contextUrl, type GraphContext, type GraphRequest, type GraphRoute, noContent, ok } from './graph-types';
import { parseFilter } from './odata-filter';
import { decodeToken, encodeToken, pageAfter } from './page-tokens';
import { parseUserSelect, readUserListQuery, type UserListQuery, userJson } from './user-shape';

/** The recycle bin: `/directory/deletedItems/microsoft.graph.user` (the cast is mandatory), get, restore, purge. */

type DeletedPageToken = UserListQuery<'deleted'>;

const filterable = new Set(['userPrincipalName', 'id', 'displayName']);

function deletedJson(user: SimUser, select?: string[]) {
  return { '@odata.type': '#microsoft.graph.user', ...userJson(user, select), deletedDateTime: user.deletedDateTime };
}

function listDeleted(context: GraphContext, request: GraphRequest) {
  const skipToken = request.query.get('$skiptoken');
  const token: DeletedPageToken = skipToken
    ? decodeToken<DeletedPageToken>(skipToken, 'deleted')
    : readUserListQuery(request.query, 'deleted');
  const matches = parseFilter(token.filter ?? null, filterable, 'User');
  const users = [...context.tenant.deleted.values()].filter(
    (user) => !matches || matches(user as unknown as Record<string, unknown>),
  );
  const { page, more } = pageAfter(users, token.after || undefined, token.top);
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(context, 'directory/deletedItems/microsoft.graph.user'),
  };
  if (more) {
    const next = encodeToken({ ...token, after: page[page.length - 1]?.id ?? '' });
    body['@odata.nextLink'] =
      `${context.graphBase}/v1.0/directory/deletedItems/microsoft.graph.user?$skiptoken=${next}`;
  }
  body.value = page.map((user) => deletedJson(user, token.select));
  return ok(body);
}

function requireDeleted(context: GraphContext, id: string): SimUser {
  const user = context.tenant.deleted.get(id.toLowerCase());
  if (!user) throw notFound(id);
  return user;
}

export const deletedItemsRoutes: GraphRoute[] = [
  {
    method: 'GET',
    pattern: /^\/directory\/deletedItems$/,
    name: 'GET /directory/deletedItems',
    permission: 'read-users',
    handle: () => {
      throw badRequest(
        "The request URI is not valid: add a type cast to the collection, for example '/directory/deletedItems/microsoft.graph.user'.",
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/directory\/deletedItems\/microsoft\.graph\.user$/,
    name: 'GET /directory/deletedItems/microsoft.graph.user',
    permission: 'read-users',
    handle: listDeleted,
  },
  {
    method: 'GET',
    pattern: /^\/directory\/deletedItems\/([^/]+)$/,
    name: 'GET /directory/deletedItems/{id}',
    permission: 'read-users',
    handle: (context, request, match) => {
      const user = requireDeleted(context, match[1] as string);
      return ok({
        '@odata.context': contextUrl(context, 'directory/deletedItems/$entity'),
        ...deletedJson(user, parseUserSelect(request.query.get('$select'))),
      });
    },
  },
  {
    method: 'POST',
    pattern: /^\/directory\/deletedItems\/([^/]+)\/restore$/,
    name: 'POST /directory/deletedItems/{id}/restore',
    permission: 'write-users',
    handle: (context, request, match) => {
      const body = (request.body ?? {}) as { newUserPrincipalName?: unknown };
      const newUpn = typeof body.newUserPrincipalName === 'string' ? body.newUserPrincipalName : undefined;
      const user = restoreUser(context.tenant, match[1] as string, newUpn);
      return ok({
        '@odata.context': contextUrl(context, 'directoryObjects/$entity'),
        '@odata.type': '#microsoft.graph.user',
        ...userJson(user),
      });
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/directory\/deletedItems\/([^/]+)$/,
    name: 'DELETE /directory/deletedItems/{id}',
    permission: 'write-users',
    handle: (context, _request, match) => {
      purgeUser(context.tenant, match[1] as string);
      return noContent();
    },
  },
];
