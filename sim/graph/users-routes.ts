import { assignLicenses, createUser, deleteUser, isoSeconds, renameUser, requireUser } from '../state/directory';
import { badRequest, GraphFault } from '../state/graph-fault';
import { assertMayChangeProtected } from '../state/protected-admins';
import { type SimTenant, type SimUser, touchUser } from '../state/tenant-state';
import type { SimAssignedLicense } from '../types';
import { contextUrl, type GraphContext, type GraphRequest, type GraphRoute, noContent, ok } from './graph-types';
import { parseFilter, singleEquality } from './odata-filter';
import { decodeToken, encodeToken, pageAfter, pageOfIds } from './page-tokens';
import { readNewUser, readUserPatch } from './user-input';
import {
  parseUserSelect,
  readUserListQuery,
  selectsSingleObjectOnly,
  type UserListQuery,
  userJson,
} from './user-shape';

/** `/users`: list with $select/$filter/$top and next links, get by id or UPN, create, update, delete, assignLicense. */

const filterableUserProperties = new Set([
  'userPrincipalName',
  'id',
  'mail',
  'displayName',
  'givenName',
  'surname',
  'accountEnabled',
  'usageLocation',
]);
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface UsersPageToken extends UserListQuery<'users'> {
  page: number;
}

function throwPageFault(context: GraphContext, page: number, route: 'users' | 'users/delta'): void {
  const fault = context.faults.strikePage(route, page);
  if (!fault) return;
  if (fault.kind === 'server-error') {
    throw new GraphFault(500, 'generalException', 'An internal server error occurred while processing the request.');
  }
  throw new GraphFault(
    503,
    'serviceNotAvailable',
    'The service is temporarily unavailable. Please retry later.',
    undefined,
    { 'Retry-After': '1' },
  );
}

export { throwPageFault };

/**
 * The users after the token's cursor that pass its filter: looked up in the index for a lone `id eq` or
 * `userPrincipalName eq` (how a user is found by UPN), else walked in id order from the cursor. Resuming after the
 * last id served lists a user present all along once, whatever changes between pages.
 */
function pageOfUsers(tenant: SimTenant, token: UsersPageToken): { page: SimUser[]; more: boolean } {
  const filter = token.filter ?? null;
  const matches = parseFilter(filter, filterableUserProperties, 'User');
  const after = token.after || undefined;
  const equality = singleEquality(filter);
  if (equality?.property === 'id' || equality?.property === 'userPrincipalName') {
    const key = equality.value.toLowerCase();
    const user = equality.property === 'id' ? tenant.users.get(key) : tenant.index.byUpn.get(key);
    return pageAfter(user ? [user] : [], after, token.top);
  }
  return pageOfIds(tenant.index.ids, after, token.top, (id) => {
    const user = tenant.users.get(id);
    return user && (!matches || matches(user as unknown as Record<string, unknown>)) ? user : undefined;
  });
}

function listUsers(context: GraphContext, request: GraphRequest) {
  const skipToken = request.query.get('$skiptoken');
  const token: UsersPageToken = skipToken
    ? decodeToken<UsersPageToken>(skipToken, 'users')
    : { ...readUserListQuery(request.query, 'users'), page: 1 };
  if (request.query.has('$skip'))
    throw badRequest(
      "Query option '$skip' is not allowed. To page through results use the '@odata.nextLink' URL returned in the response.",
    );
  const singleOnly = selectsSingleObjectOnly(token.select);
  if (singleOnly) {
    throw new GraphFault(
      501,
      'NotImplemented',
      `This operation target is not yet supported for property '${singleOnly}'.`,
    );
  }
  throwPageFault(context, token.page, 'users');
  const { page, more } = pageOfUsers(context.tenant, token);
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(context, token.select ? `users(${token.select.join(',')})` : 'users'),
  };
  if (more) {
    const next = encodeToken({ ...token, after: page[page.length - 1]?.id ?? '', page: token.page + 1 });
    body['@odata.nextLink'] = `${context.graphBase}/v1.0/users?$skiptoken=${next}`;
  }
  body.value = page.map((user) => userJson(user, token.select));
  return ok(body);
}

function getUser(context: GraphContext, request: GraphRequest, key: string) {
  const select = parseUserSelect(request.query.get('$select'));
  const user = requireUser(context.tenant, key);
  return ok({
    '@odata.context': contextUrl(context, select ? `users(${select.join(',')})/$entity` : 'users/$entity'),
    ...userJson(user, select),
  });
}

function postUser(context: GraphContext, request: GraphRequest) {
  const fields = readNewUser(request.body);
  const user = createUser(context.state, context.tenant, fields);
  return ok({ '@odata.context': contextUrl(context, 'users/$entity'), ...userJson(user) }, 201);
}

function patchUser(context: GraphContext, request: GraphRequest, key: string) {
  const { fields, passwordProfile } = readUserPatch(request.body);
  const { tenant } = context;
  const user = requireUser(tenant, key);
  if (passwordProfile) assertMayChangeProtected(tenant, user);
  if (passwordProfile?.password) user.lastPasswordChangeDateTime = isoSeconds(context.state.now());
  if (typeof fields.userPrincipalName === 'string') renameUser(tenant, user, fields.userPrincipalName);
  const changed: string[] = [];
  const record = user as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'userPrincipalName' || name.startsWith('@odata.')) continue;
    if (name === 'mail') {
      const mail = value as string | null;
      const others = user.proxyAddresses.filter((address) => address.slice(5).toLowerCase() !== mail?.toLowerCase());
      user.proxyAddresses = mail ? [`SMTP:${mail}`, ...others.map((address) => `smtp:${address.slice(5)}`)] : others;
      changed.push('proxyAddresses');
    }
    if (name in record) {
      record[name] = value;
      changed.push(name);
    }
  }
  if (changed.length > 0) touchUser(tenant, user, changed);
  return noContent();
}

function removeUser(context: GraphContext, key: string) {
  const user = requireUser(context.tenant, key);
  assertMayChangeProtected(context.tenant, user);
  deleteUser(context.state, context.tenant, user);
  return noContent();
}

function readLicenses(body: unknown): { add: SimAssignedLicense[]; remove: string[] } {
  const value = (body ?? {}) as Record<string, unknown>;
  const missing = ['addLicenses', 'removeLicenses'].filter((name) => !(name in value));
  if (missing.length > 0) {
    throw badRequest(
      `One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`,
    );
  }
  for (const [name, type] of [
    ['addLicenses', 'Collection(microsoft.graph.assignedLicense)'],
    ['removeLicenses', 'Collection(Edm.Guid)'],
  ] as const) {
    if (value[name] === null) {
      throw badRequest(
        `A null value was found for the property named '${name}', which has the expected type '${type}[Nullable=False]'. The expected type '${type}[Nullable=False]' does not allow null values.`,
      );
    }
    if (!Array.isArray(value[name]))
      throw badRequest(`Invalid value specified for parameter '${name}' of action 'assignLicense'.`);
  }
  const asGuid = (text: unknown): string => {
    if (typeof text !== 'string' || !guidPattern.test(text)) {
      throw badRequest(
        "Cannot convert a primitive value to the expected type 'Edm.Guid'. See the inner exception for more details.",
      );
    }
    return text.toLowerCase();
  };
  const add = (value.addLicenses as unknown[]).map((entry) => {
    const license = (entry ?? {}) as { skuId?: unknown; disabledPlans?: unknown };
    const disabled = Array.isArray(license.disabledPlans) ? license.disabledPlans.map(asGuid) : [];
    return { skuId: asGuid(license.skuId), disabledPlans: disabled };
  });
  return { add, remove: (value.removeLicenses as unknown[]).map(asGuid) };
}

function assignLicense(context: GraphContext, request: GraphRequest, key: string) {
  const { add, remove } = readLicenses(request.body);
  const user = requireUser(context.tenant, key);
  assignLicenses(context.state, context.tenant, user, add, remove);
  return ok({ '@odata.context': contextUrl(context, 'users/$entity'), ...userJson(user) });
}

export const userRoutes: GraphRoute[] = [
  { method: 'GET', pattern: /^\/users$/, name: 'GET /users', permission: 'read-users', handle: listUsers },
  { method: 'POST', pattern: /^\/users$/, name: 'POST /users', permission: 'write-users', handle: postUser },
  {
    method: 'POST',
    pattern: /^\/users\/([^/]+)\/assignLicense$/,
    name: 'POST /users/{id}/assignLicense',
    permission: 'write-users',
    handle: (context, request, match) => assignLicense(context, request, match[1] as string),
  },
  {
    method: 'GET',
    pattern: /^\/users\/(?!delta$)([^/]+)$/,
    name: 'GET /users/{id}',
    permission: 'read-users',
    handle: (context, request, match) => getUser(context, request, match[1] as string),
  },
  {
    method: 'PATCH',
    pattern: /^\/users\/([^/]+)$/,
    name: 'PATCH /users/{id}',
    permission: 'write-users',
    handle: (context, request, match) => patchUser(context, request, match[1] as string),
  },
  {
    method: 'DELETE',
    pattern: /^\/users\/([^/]+)$/,
    name: 'DELETE /users/{id}',
    permission: 'write-users',
    handle: (context, _request, match) => removeUser(context, match[1] as string),
  },
];
