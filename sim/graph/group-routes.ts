import { isoSeconds, requireUser } from '../state/directory';
import { badRequest, notFound } from '../state/graph-fault';
import {
  addGroupLink,
  type GroupLink,
  groupsOfUser,
  removeGroupLink,
  requireGraphManaged,
  requireGroup,
} from '../state/groups';
import type { SimGroup, SimTenant, SimUser } from '../state/tenant-state';
import { touchUser } from '../state/tenant-state';
import {
  contextUrl,
  type GraphContext,
  type GraphJson,
  type GraphRequest,
  type GraphRoute,
  noContent,
  ok,
} from './graph-types';
import { parseFilter } from './odata-filter';
import { decodeToken, encodeToken, pageAfter, parseTop } from './page-tokens';
import { parseUserSelect, userJson } from './user-shape';

/**
 * `/groups` (list with $select/$filter/$top and next links, get), members and owners by `$ref`,
 * `/users/{id}/memberOf` (groups and directory roles) and `/users/{id}/revokeSignInSessions`.
 */

const groupProperties = [
  'id',
  'deletedDateTime',
  'classification',
  'createdDateTime',
  'description',
  'displayName',
  'groupTypes',
  'mail',
  'mailEnabled',
  'mailNickname',
  'securityEnabled',
  'visibility',
  'assignedLicenses',
] as const;
const filterableGroupProperties = new Set([
  'id',
  'displayName',
  'mailNickname',
  'mail',
  'securityEnabled',
  'mailEnabled',
]);

function parseGroupSelect(value: string | null): string[] | undefined {
  if (value === null || value.trim() === '') return undefined;
  const names = [
    ...new Set(
      value
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
  for (const name of names) {
    if (!(groupProperties as readonly string[]).includes(name)) {
      throw badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.group'.`);
    }
  }
  return names;
}

function groupValue(group: SimGroup, name: string): unknown {
  switch (name) {
    case 'assignedLicenses':
      return group.assignedLicenses.map((licence) => ({
        disabledPlans: [...licence.disabledPlans],
        skuId: licence.skuId,
      }));
    case 'groupTypes':
      return [...group.groupTypes];
    case 'visibility':
      return group.groupTypes.includes('Unified') ? 'Private' : null;
    case 'deletedDateTime':
    case 'classification':
      return null;
    default:
      return (group as unknown as Record<string, unknown>)[name] ?? null;
  }
}

function groupJson(group: SimGroup, select?: readonly string[]): GraphJson {
  const json: GraphJson = {};
  for (const name of select ?? groupProperties.filter((name) => name !== 'assignedLicenses')) {
    json[name] = groupValue(group, name);
  }
  return json;
}

interface GroupsPageToken {
  k: 'groups';
  select?: string[];
  filter?: string;
  top: number;
  after: string;
}

function listGroups(context: GraphContext, request: GraphRequest) {
  const skipToken = request.query.get('$skiptoken');
  const token: GroupsPageToken = skipToken
    ? decodeToken<GroupsPageToken>(skipToken, 'groups')
    : {
        k: 'groups',
        select: parseGroupSelect(request.query.get('$select')),
        filter: request.query.get('$filter') ?? undefined,
        top: parseTop(request.query.get('$top'), 100),
        after: '',
      };
  const matches = parseFilter(token.filter ?? null, filterableGroupProperties, 'Group');
  const candidates = context.tenant.groups.filter(
    (group) => !matches || matches(group as unknown as Record<string, unknown>),
  );
  const { page, more } = pageAfter(candidates, token.after || undefined, token.top);
  const body: GraphJson = {
    '@odata.context': contextUrl(context, token.select ? `groups(${token.select.join(',')})` : 'groups'),
  };
  if (more) {
    const next = encodeToken({ ...token, after: page[page.length - 1]?.id ?? '' });
    body['@odata.nextLink'] = `${context.graphBase}/v1.0/groups?$skiptoken=${next}`;
  }
  body.value = page.map((group) => groupJson(group, token.select));
  return ok(body);
}

interface LinkPageToken {
  k: 'links';
  select?: string[];
  top: number;
  after: string;
}

/** Members or owners: users as directoryObjects, paged (default 100, at most 999). */
function listLinks(context: GraphContext, request: GraphRequest, groupId: string, link: GroupLink) {
  const group = requireGroup(context.tenant, groupId);
  const skipToken = request.query.get('$skiptoken');
  const token: LinkPageToken = skipToken
    ? decodeToken<LinkPageToken>(skipToken, 'links')
    : {
        k: 'links',
        select: parseUserSelect(request.query.get('$select')),
        top: parseTop(request.query.get('$top'), 100),
        after: '',
      };
  const ids = link === 'members' ? group.memberIds : group.ownerIds;
  const users = ids.map((id) => context.tenant.users.get(id)).filter((user): user is SimUser => user !== undefined);
  const { page, more } = pageAfter(users, token.after || undefined, token.top);
  const body: GraphJson = { '@odata.context': contextUrl(context, 'directoryObjects') };
  if (more) {
    const next = encodeToken({ ...token, after: page[page.length - 1]?.id ?? '' });
    body['@odata.nextLink'] = `${context.graphBase}/v1.0/groups/${group.id}/${link}?$skiptoken=${next}`;
  }
  body.value = page.map((user) => ({ '@odata.type': '#microsoft.graph.user', ...userJson(user, token.select) }));
  return ok(body);
}

/** The user id in a `$ref` body: `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`. */
function referencedId(body: unknown): string {
  const reference = (body as { '@odata.id'?: unknown } | undefined)?.['@odata.id'];
  if (typeof reference !== 'string' || !reference) {
    throw badRequest("Invalid request body: the reference needs an '@odata.id'.");
  }
  return (reference.split('/').pop() ?? '').replace(/^.*\('?([^')]+)'?\)$/, '$1').toLowerCase();
}

function addLink(context: GraphContext, request: GraphRequest, groupId: string, link: GroupLink) {
  const group = requireGroup(context.tenant, groupId);
  requireGraphManaged(group);
  const userId = referencedId(request.body);
  const user = context.tenant.users.get(userId);
  if (!user) throw notFound(userId);
  addGroupLink(context.state, context.tenant, group, user, link);
  return noContent();
}

function removeLink(context: GraphContext, groupId: string, userId: string, link: GroupLink) {
  const group = requireGroup(context.tenant, groupId);
  requireGraphManaged(group);
  removeGroupLink(context.state, context.tenant, group, userId, link);
  return noContent();
}

function directoryRolesOf(tenant: SimTenant, userId: string): GraphJson[] {
  const templates = new Set(
    tenant.roleAssignments.filter((assignment) => assignment.principalId === userId).map((a) => a.roleTemplateId),
  );
  return [...templates].map((templateId) => ({
    '@odata.type': '#microsoft.graph.directoryRole',
    id: tenant.activatedRoles.get(templateId) ?? templateId,
    roleTemplateId: templateId,
  }));
}

function memberOf(context: GraphContext, request: GraphRequest, key: string) {
  const user = requireUser(context.tenant, key);
  const select = parseGroupSelect(request.query.get('$select'));
  const groups = groupsOfUser(context.tenant, user.id).map((group) => ({
    '@odata.type': '#microsoft.graph.group',
    ...groupJson(group, select),
  }));
  const roles = directoryRolesOf(context.tenant, user.id);
  return ok({ '@odata.context': contextUrl(context, 'directoryObjects'), value: [...groups, ...roles] });
}

function revokeSessions(context: GraphContext, key: string) {
  const user = requireUser(context.tenant, key);
  user.signInSessionsValidFromDateTime = isoSeconds(context.state.now());
  touchUser(context.tenant, user, ['signInSessionsValidFromDateTime']);
  return ok({ '@odata.context': contextUrl(context, 'Edm.Boolean'), value: true });
}

const linkRoutes: GraphRoute[] = (['members', 'owners'] as const).flatMap((link): GraphRoute[] => [
  {
    method: 'GET',
    pattern: new RegExp(`^/groups/([^/]+)/${link}$`),
    name: `GET /groups/{id}/${link}`,
    permission: 'read-groups',
    handle: (context, request, match) => listLinks(context, request, match[1] as string, link),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/groups/([^/]+)/${link}/\\$ref$`),
    name: `POST /groups/{id}/${link}/$ref`,
    permission: 'write-group-members',
    handle: (context, request, match) => addLink(context, request, match[1] as string, link),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/groups/([^/]+)/${link}/([^/]+)/\\$ref$`),
    name: `DELETE /groups/{id}/${link}/{id}/$ref`,
    permission: 'write-group-members',
    handle: (context, _request, match) => removeLink(context, match[1] as string, match[2] as string, link),
  },
]);

export const groupRoutes: GraphRoute[] = [
  { method: 'GET', pattern: /^\/groups$/, name: 'GET /groups', permission: 'read-groups', handle: listGroups },
  {
    method: 'GET',
    pattern: /^\/groups\/([^/]+)$/,
    name: 'GET /groups/{id}',
    permission: 'read-groups',
    handle: (context, request, match) => {
      const select = parseGroupSelect(request.query.get('$select'));
      const group = requireGroup(context.tenant, match[1] as string);
      return ok({ '@odata.context': contextUrl(context, 'groups/$entity'), ...groupJson(group, select) });
    },
  },
  ...linkRoutes,
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/memberOf$/,
    name: 'GET /users/{id}/memberOf',
    permission: 'read-groups',
    handle: (context, request, match) => memberOf(context, request, match[1] as string),
  },
  {
    method: 'POST',
    pattern: /^\/users\/([^/]+)\/revokeSignInSessions$/,
    name: 'POST /users/{id}/revokeSignInSessions',
    permission: 'revoke-sessions',
    handle: (context, _request, match) => revokeSessions(context, match[1] as string),
  },
];
