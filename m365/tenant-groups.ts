import { M365Error } from './errors';
import { type GraphPage, userSegment } from './graph-shapes';
import type { TenantGraph } from './tenant-graph';
import type { TenantGroup } from './types';

/**
 * Groups through Graph: the tenant's groups, a group's members and a user's groups (ids only), and membership
 * changes by `$ref`. Adding a member twice or removing a non-member is the goal already reached, so both are
 * success here: Graph answers them with 400 and "One or more added/removed object references …".
 */

interface GraphGroup {
  id: string;
  displayName?: string | null;
  groupTypes?: string[];
  securityEnabled?: boolean;
  mailEnabled?: boolean;
  assignedLicenses?: { skuId: string }[];
}

interface GraphDirectoryObject {
  id: string;
  '@odata.type'?: string;
}

const groupSelect = 'id,displayName,groupTypes,securityEnabled,mailEnabled,assignedLicenses';
const alreadyMember = /added object references already exist/i;
const notMember = /removed object references do not exist/i;

async function allPages<T>(graph: TenantGraph, first: string, subject?: string): Promise<T[]> {
  const items: T[] = [];
  let link: string | undefined = first;
  while (link) {
    const page: GraphPage<T> = await graph.get<GraphPage<T>>(link, { subject });
    items.push(...page.value);
    link = page['@odata.nextLink'];
  }
  return items;
}

export async function listGroups(graph: TenantGraph): Promise<TenantGroup[]> {
  const groups = await allPages<GraphGroup>(graph, `/groups?$select=${groupSelect}&$top=999`);
  return groups.map((group) => ({
    id: group.id,
    displayName: group.displayName ?? '',
    groupTypes: group.groupTypes ?? [],
    securityEnabled: group.securityEnabled ?? false,
    mailEnabled: group.mailEnabled ?? false,
    assignedSkuIds: (group.assignedLicenses ?? []).map((licence) => licence.skuId),
  }));
}

/** Keeps the objects of one type (a directory object without `@odata.type` is taken as that type). */
function idsOfType(objects: GraphDirectoryObject[], type: string): string[] {
  return objects
    .filter((object) => object['@odata.type'] === undefined || object['@odata.type'] === type)
    .map((object) => object.id);
}

export async function listGroupMemberIds(graph: TenantGraph, groupId: string): Promise<string[]> {
  const members = await allPages<GraphDirectoryObject>(
    graph,
    `/groups/${userSegment(groupId)}/members?$select=id&$top=999`,
    `The group ${groupId}`,
  );
  return idsOfType(members, '#microsoft.graph.user');
}

export async function listUserGroupIds(graph: TenantGraph, userId: string): Promise<string[]> {
  // memberOf also lists directory roles (and administrative units): only groups are wanted here.
  const memberships = await allPages<GraphDirectoryObject>(
    graph,
    `/users/${userSegment(userId)}/memberOf?$select=id&$top=999`,
    `The user ${userId}`,
  );
  return memberships.filter((object) => object['@odata.type'] === '#microsoft.graph.group').map((object) => object.id);
}

function graphMessageOf(error: unknown): string {
  return error instanceof M365Error ? String(error.details.graphMessage ?? '') : '';
}

export async function addGroupMember(graph: TenantGraph, groupId: string, userId: string): Promise<void> {
  // Graph takes the reference on its public host whatever endpoint is called.
  const reference = `https://graph.microsoft.com/v1.0/directoryObjects/${userId}`;
  try {
    await graph.post(
      `/groups/${userSegment(groupId)}/members/$ref`,
      { '@odata.id': reference },
      { subject: `The group ${groupId} or the user ${userId}` },
    );
  } catch (error) {
    if (alreadyMember.test(graphMessageOf(error))) return;
    throw error;
  }
}

export async function removeGroupMember(graph: TenantGraph, groupId: string, userId: string): Promise<void> {
  try {
    await graph.delete(`/groups/${userSegment(groupId)}/members/${userSegment(userId)}/$ref`, {
      subject: `The group ${groupId}`,
    });
  } catch (error) {
    if (notMember.test(graphMessageOf(error))) return;
    throw error;
  }
}

export async function revokeSignInSessions(graph: TenantGraph, userId: string): Promise<void> {
  await graph.post(`/users/${userSegment(userId)}/revokeSignInSessions`, undefined, {
    subject: `The user ${userId}`,
    idempotent: true,
  });
}
