import { M365Error } from './errors';
import { type GraphPage, odataString, userSegment } from './graph-shapes';
import type { TenantGraph } from './tenant-graph';

/**
 * Admin roles through unified RBAC (`roleManagement/directory/roleAssignments`) rather than legacy
 * `directoryRoles`: it takes the role template id as roleDefinitionId, needs no activation step, adds or removes
 * a member in one call, and is what Microsoft recommends. Only tenant-wide assignments (directoryScopeId '/')
 * count, as admin access in m365ops means the role over the whole directory.
 */

export const globalAdministratorTemplateId = '62e90394-69f5-4237-9190-012177145e10';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const assignmentsPath = '/roleManagement/directory/roleAssignments';

interface RoleAssignment {
  id: string;
  roleDefinitionId: string;
  principalId: string;
  directoryScopeId?: string;
}

interface RoleTemplate {
  id: string;
  displayName?: string;
}

/** Resolves role display names to template ids, reading `/directoryRoleTemplates` once per tenant client. */
export class RoleResolver {
  private templates?: Promise<RoleTemplate[]>;

  constructor(private readonly graph: TenantGraph) {}

  async templateIdOf(role: string): Promise<string> {
    const wanted = role.trim();
    if (guidPattern.test(wanted)) return wanted.toLowerCase();
    this.templates ??= this.graph
      .get<GraphPage<RoleTemplate>>('/directoryRoleTemplates?$select=id,displayName')
      .then((page) => page.value);
    let templates: RoleTemplate[];
    try {
      templates = await this.templates;
    } catch (error) {
      this.templates = undefined; // a failed read must not be remembered
      throw error;
    }
    const match = templates.find((template) => template.displayName?.toLowerCase() === wanted.toLowerCase());
    if (!match) {
      throw new M365Error(
        'not-found',
        `Tenant ${this.graph.tenantId} has no directory role named "${wanted}"; use a role name such as Global Administrator or a role template id.`,
        { role: wanted },
      );
    }
    return match.id;
  }
}

async function listAssignments(graph: TenantGraph, filter: string): Promise<RoleAssignment[]> {
  const assignments: RoleAssignment[] = [];
  let link: string | undefined = `${assignmentsPath}?$filter=${filter}`;
  while (link) {
    const page: GraphPage<RoleAssignment> = await graph.get<GraphPage<RoleAssignment>>(link);
    assignments.push(...page.value.filter((assignment) => (assignment.directoryScopeId ?? '/') === '/'));
    link = page['@odata.nextLink'];
  }
  return assignments;
}

export async function listRoleMembers(graph: TenantGraph, roles: RoleResolver, role: string): Promise<string[]> {
  const roleId = await roles.templateIdOf(role);
  const assignments = await listAssignments(graph, `roleDefinitionId eq ${odataString(roleId)}`);
  return [...new Set(assignments.map((assignment) => assignment.principalId))];
}

export async function addRoleMember(
  graph: TenantGraph,
  roles: RoleResolver,
  role: string,
  userId: string,
): Promise<void> {
  const roleId = await roles.templateIdOf(role);
  try {
    await graph.post(
      assignmentsPath,
      {
        '@odata.type': '#microsoft.graph.unifiedRoleAssignment',
        roleDefinitionId: roleId,
        principalId: userId,
        directoryScopeId: '/',
      },
      { subject: userId },
    );
  } catch (error) {
    // Graph answers a duplicate with 400 or 409 and "A conflicting object … is present in the directory."
    if (error instanceof M365Error && /conflicting object/i.test(String(error.details.graphMessage ?? ''))) {
      throw new M365Error(
        'already-member',
        `The user ${userId} already holds the role ${role} in tenant ${graph.tenantId}.`,
        error.details,
      );
    }
    throw error;
  }
}

export async function removeRoleMember(
  graph: TenantGraph,
  roles: RoleResolver,
  role: string,
  userId: string,
): Promise<void> {
  const roleId = await roles.templateIdOf(role);
  const assignments = await listAssignments(
    graph,
    `principalId eq ${odataString(userId)} and roleDefinitionId eq ${odataString(roleId)}`,
  );
  if (assignments.length === 0) {
    throw new M365Error(
      'not-member',
      `The user ${userId} does not hold the role ${role} in tenant ${graph.tenantId}.`,
      {
        role,
        userId,
      },
    );
  }
  for (const assignment of assignments) {
    try {
      await graph.delete(`${assignmentsPath}/${userSegment(assignment.id)}`);
    } catch (error) {
      // Removed meanwhile (or by an earlier attempt of this call): the goal is reached.
      if (!(error instanceof M365Error && error.code === 'not-found')) throw error;
    }
  }
}
