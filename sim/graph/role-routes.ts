import { activateRole, grantRole, revokeRole, roleMemberIds } from '../state/directory';
import { badRequest, notFound } from '../state/graph-fault';
import { findRoleTemplate, roleTemplates } from '../state/role-catalog';
import type { SimRoleAssignment, SimTenant } from '../state/tenant-state';
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
import { userJson } from './user-shape';

/**
 * Admin roles in both views Graph offers, over one set of assignments: legacy `/directoryRoles` (activated roles
 * only, members by `$ref`, the `roleTemplateId=` alternate key) and unified RBAC
 * `/roleManagement/directory/roleAssignments`.
 */

function templateOfRoleKey(tenant: SimTenant, key: string): string {
  const alternate = /^(?:\(roleTemplateId='([^']+)'\)|roleTemplateId=([0-9a-f-]+))$/i.exec(key);
  const templateId = alternate ? (alternate[1] ?? alternate[2] ?? '').toLowerCase() : undefined;
  if (templateId !== undefined) {
    if (!tenant.activatedRoles.has(templateId)) throw notFound(templateId);
    return templateId;
  }
  for (const [template, roleId] of tenant.activatedRoles) if (roleId === key.toLowerCase()) return template;
  throw notFound(key);
}

function directoryRoleJson(tenant: SimTenant, templateId: string): GraphJson {
  const template = findRoleTemplate(templateId);
  return {
    id: tenant.activatedRoles.get(templateId),
    deletedDateTime: null,
    description: template?.description ?? null,
    displayName: template?.displayName ?? null,
    roleTemplateId: templateId,
  };
}

function memberIdOf(body: unknown): string {
  const reference = (body as { '@odata.id'?: unknown } | undefined)?.['@odata.id'];
  if (typeof reference !== 'string' || !reference) {
    throw badRequest("Invalid request body: the reference needs an '@odata.id'.");
  }
  return (reference.split('/').pop() ?? '').replace(/^.*\('?([^')]+)'?\)$/, '$1').toLowerCase();
}

function assignmentJson(tenant: SimTenant, assignment: SimRoleAssignment): GraphJson {
  return {
    id: assignment.id,
    roleDefinitionId: assignment.roleTemplateId,
    principalId: assignment.principalId,
    principalOrganizationId: tenant.id,
    directoryScopeId: assignment.directoryScopeId,
    appScopeId: null,
    condition: null,
  };
}

function addMember(context: GraphContext, templateId: string, request: GraphRequest) {
  const userId = memberIdOf(request.body);
  if (!context.tenant.users.has(userId)) throw notFound(userId);
  if (roleMemberIds(context.tenant, templateId).includes(userId)) {
    throw badRequest(
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
  }
  grantRole(context.tenant, templateId, userId);
  return noContent();
}

function removeMember(context: GraphContext, templateId: string, userId: string) {
  if (!roleMemberIds(context.tenant, templateId).includes(userId.toLowerCase())) {
    throw badRequest(
      "One or more removed object references do not exist for the following modified properties: 'members'.",
    );
  }
  revokeRole(context.tenant, templateId, userId.toLowerCase());
  return noContent();
}

const assignmentFilterProperties = new Set(['principalId', 'roleDefinitionId', 'directoryScopeId']);

function listAssignments(context: GraphContext, request: GraphRequest) {
  const matches = parseFilter(request.query.get('$filter'), assignmentFilterProperties, 'UnifiedRoleAssignment');
  const value = context.tenant.roleAssignments
    .filter((assignment) => context.tenant.users.has(assignment.principalId))
    .map((assignment) => assignmentJson(context.tenant, assignment))
    .filter((json) => !matches || matches(json));
  return ok({ '@odata.context': contextUrl(context, 'roleManagement/directory/roleAssignments'), value });
}

function createAssignment(context: GraphContext, request: GraphRequest) {
  const body = (request.body ?? {}) as Record<string, unknown>;
  for (const name of ['roleDefinitionId', 'principalId']) {
    if (typeof body[name] !== 'string' || !body[name])
      throw badRequest(`Property ${name} value is required but is empty or missing.`);
  }
  if (body.directoryScopeId === undefined && body.appScopeId === undefined) {
    throw badRequest('Either directoryScopeId or appScopeId must be specified.');
  }
  if (body.directoryScopeId !== '/')
    throw badRequest(
      `The directory scope '${String(body.directoryScopeId ?? body.appScopeId)}' is not supported by the simulator; use '/'.`,
    );
  const template = findRoleTemplate(body.roleDefinitionId as string);
  if (!template) throw notFound(body.roleDefinitionId as string);
  const principalId = (body.principalId as string).toLowerCase();
  if (!context.tenant.users.has(principalId)) throw notFound(principalId);
  const id = grantRole(context.tenant, template.id, principalId);
  const assignment = context.tenant.roleAssignments.find((candidate) => candidate.id === id) as SimRoleAssignment;
  return ok(
    {
      '@odata.context': contextUrl(context, 'roleManagement/directory/roleAssignments/$entity'),
      ...assignmentJson(context.tenant, assignment),
    },
    201,
  );
}

function findAssignment(tenant: SimTenant, id: string): SimRoleAssignment {
  const assignment = tenant.roleAssignments.find((candidate) => candidate.id === id);
  if (!assignment || !tenant.users.has(assignment.principalId)) throw notFound(id);
  return assignment;
}

const roleKey = "((?:roleTemplateId=[0-9a-fA-F-]+)|(?:\\(roleTemplateId='[^']+'\\))|[^/(]+)";
const rolePath = (suffix: string) => new RegExp(`^/directoryRoles(?:/)?${roleKey}${suffix}$`);

export const roleRoutes: GraphRoute[] = [
  {
    method: 'GET',
    pattern: /^\/directoryRoleTemplates$/,
    name: 'GET /directoryRoleTemplates',
    permission: 'read-roles',
    handle: (context) =>
      ok({
        '@odata.context': contextUrl(context, 'directoryRoleTemplates'),
        value: roleTemplates.map((template) => ({
          id: template.id,
          deletedDateTime: null,
          description: template.description,
          displayName: template.displayName,
        })),
      }),
  },
  {
    method: 'GET',
    pattern: /^\/directoryRoles$/,
    name: 'GET /directoryRoles',
    permission: 'read-roles',
    handle: (context) =>
      ok({
        '@odata.context': contextUrl(context, 'directoryRoles'),
        value: [...context.tenant.activatedRoles.keys()].map((templateId) =>
          directoryRoleJson(context.tenant, templateId),
        ),
      }),
  },
  {
    method: 'POST',
    pattern: /^\/directoryRoles$/,
    name: 'POST /directoryRoles',
    permission: 'write-roles',
    handle: (context, request) => {
      const templateId = String((request.body as { roleTemplateId?: unknown } | undefined)?.roleTemplateId ?? '');
      const template = findRoleTemplate(templateId);
      if (!template) throw notFound(templateId);
      if (context.tenant.activatedRoles.has(template.id)) {
        throw badRequest(
          'A conflicting object with one or more of the specified property values is present in the directory.',
        );
      }
      activateRole(context.tenant, template.id);
      return ok(
        {
          '@odata.context': contextUrl(context, 'directoryRoles/$entity'),
          ...directoryRoleJson(context.tenant, template.id),
        },
        201,
      );
    },
  },
  {
    method: 'GET',
    pattern: rolePath('/members'),
    name: 'GET /directoryRoles/{id}/members',
    permission: 'read-roles',
    handle: (context, _request, match) => {
      const templateId = templateOfRoleKey(context.tenant, match[1] as string);
      const value = roleMemberIds(context.tenant, templateId).map((id) => {
        const user = context.tenant.users.get(id);
        return { '@odata.type': '#microsoft.graph.user', ...(user ? userJson(user) : { id }) };
      });
      return ok({ '@odata.context': contextUrl(context, 'directoryObjects'), value });
    },
  },
  {
    method: 'POST',
    pattern: rolePath('/members/\\$ref'),
    name: 'POST /directoryRoles/{id}/members/$ref',
    permission: 'write-roles',
    handle: (context, request, match) =>
      addMember(context, templateOfRoleKey(context.tenant, match[1] as string), request),
  },
  {
    method: 'DELETE',
    pattern: rolePath('/members/([^/]+)/\\$ref'),
    name: 'DELETE /directoryRoles/{id}/members/{id}/$ref',
    permission: 'write-roles',
    handle: (context, _request, match) =>
      removeMember(context, templateOfRoleKey(context.tenant, match[1] as string), match[2] as string),
  },
  {
    method: 'GET',
    pattern: rolePath(''),
    name: 'GET /directoryRoles/{id}',
    permission: 'read-roles',
    handle: (context, _request, match) => {
      const templateId = templateOfRoleKey(context.tenant, match[1] as string);
      return ok({
        '@odata.context': contextUrl(context, 'directoryRoles/$entity'),
        ...directoryRoleJson(context.tenant, templateId),
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/roleManagement\/directory\/roleDefinitions$/,
    name: 'GET /roleManagement/directory/roleDefinitions',
    permission: 'read-roles',
    handle: (context) =>
      ok({
        '@odata.context': contextUrl(context, 'roleManagement/directory/roleDefinitions'),
        value: roleTemplates.map((template) => ({
          id: template.id,
          templateId: template.id,
          displayName: template.displayName,
          description: template.description,
          isBuiltIn: true,
          isEnabled: true,
        })),
      }),
  },
  {
    method: 'GET',
    pattern: /^\/roleManagement\/directory\/roleAssignments$/,
    name: 'GET /roleManagement/directory/roleAssignments',
    permission: 'read-roles',
    handle: listAssignments,
  },
  {
    method: 'POST',
    pattern: /^\/roleManagement\/directory\/roleAssignments$/,
    name: 'POST /roleManagement/directory/roleAssignments',
    permission: 'write-roles',
    handle: createAssignment,
  },
  {
    method: 'GET',
    pattern: /^\/roleManagement\/directory\/roleAssignments\/([^/]+)$/,
    name: 'GET /roleManagement/directory/roleAssignments/{id}',
    permission: 'read-roles',
    handle: (context, _request, match) => {
      const assignment = findAssignment(context.tenant, match[1] as string);
      return ok({
        '@odata.context': contextUrl(context, 'roleManagement/directory/roleAssignments/$entity'),
        ...assignmentJson(context.tenant, assignment),
      });
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/roleManagement\/directory\/roleAssignments\/([^/]+)$/,
    name: 'DELETE /roleManagement/directory/roleAssignments/{id}',
    permission: 'write-roles',
    handle: (context, _request, match) => {
      const assignment = findAssignment(context.tenant, match[1] as string);
      context.tenant.roleAssignments = context.tenant.roleAssignments.filter((candidate) => candidate !== assignment);
      context.tenant.seq += 1;
      return noContent();
    },
  },
];
