import { M365Error } from './errors';
import {
  type GraphOrganization,
  type GraphPage,
  type GraphSku,
  type GraphUser,
  odataString,
  tenantUserSelect,
  toAssignLicenseBody,
  toCreatedUser,
  toCreateUserBody,
  toDeletedTenantUser,
  toTenantDomain,
  toTenantOrganization,
  toTenantSku,
  toTenantUser,
  userSegment,
} from './graph-shapes';
import { runBatch } from './json-batch';
import { failureFromBody, mapGraphFailure } from './map-error';
import type { RetryPolicy } from './retry-policy';
import type { TenantGraph } from './tenant-graph';
import type {
  AssignedLicence,
  CreateLicensedUser,
  DeletedTenantUser,
  NewTenantUser,
  TenantDomain,
  TenantOrganization,
  TenantSku,
  TenantUser,
  TenantUserPatch,
} from './types';

/** The directory operations of TenantClient: organization, domains, SKUs, users and their licences. */
export interface TenantContext {
  graph: TenantGraph;
  policy: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

const select = `$select=${tenantUserSelect.join(',')}`;

export async function getOrganization({ graph }: TenantContext): Promise<TenantOrganization> {
  const page = await graph.get<GraphPage<GraphOrganization>>('/organization?$select=id,displayName,verifiedDomains');
  const organization = page.value[0];
  if (!organization) {
    throw new M365Error('unexpected', `Tenant ${graph.tenantId} answered without its organization.`, {});
  }
  return toTenantOrganization(organization);
}

export async function listDomains({ graph }: TenantContext): Promise<TenantDomain[]> {
  const page = await graph.get<GraphPage<Parameters<typeof toTenantDomain>[0]>>('/domains');
  return page.value.map(toTenantDomain);
}

export async function listSkus({ graph }: TenantContext): Promise<TenantSku[]> {
  const page = await graph.get<GraphPage<GraphSku>>('/subscribedSkus');
  return page.value.map(toTenantSku);
}

export async function getUser({ graph }: TenantContext, idOrUpn: string): Promise<TenantUser | null> {
  const user = await graph.getOrNull<GraphUser>(`/users/${userSegment(idOrUpn)}?${select}`, { subject: idOrUpn });
  return user ? toTenantUser(user) : null;
}

export async function findUserByUpn({ graph }: TenantContext, upn: string): Promise<TenantUser | null> {
  const page = await graph.get<GraphPage<GraphUser>>(
    `/users?$filter=userPrincipalName eq ${odataString(upn)}&${select}`,
    { subject: upn },
  );
  const user = page.value[0];
  return user ? toTenantUser(user) : null;
}

export async function createUser({ graph }: TenantContext, user: NewTenantUser): Promise<TenantUser> {
  const created = await graph.post<GraphUser>('/users', toCreateUserBody(user), { subject: user.userPrincipalName });
  return toCreatedUser(created, user);
}

/** POST /users and assignLicense in one `$batch`, the licence step depending on the create. */
export async function createLicensedUser(context: TenantContext, request: CreateLicensedUser): Promise<TenantUser> {
  const upn = request.user.userPrincipalName;
  if (request.licences.length === 0) return createUser(context, request.user);
  const results = await runBatch(
    context.graph,
    [
      { id: 'create', method: 'POST', url: '/users', body: toCreateUserBody(request.user) },
      {
        id: 'license',
        method: 'POST',
        url: `/users/${userSegment(upn)}/assignLicense`,
        body: toAssignLicenseBody(request.licences, []),
        dependsOn: ['create'],
      },
    ],
    { policy: context.policy, sleep: context.sleep },
  );
  const failureOf = (id: string) => {
    const result = results.get(id);
    if (!result || (result.status >= 200 && result.status < 300)) return undefined;
    return mapGraphFailure(
      { ...failureFromBody(result.status, result.body, result.headers), attempts: result.attempts },
      { tenantId: context.graph.tenantId, subject: upn },
    );
  };
  const createFailure = failureOf('create');
  if (createFailure) throw createFailure;
  const created = results.get('create')?.body as GraphUser;
  const licenceFailure = failureOf('license');
  if (licenceFailure) {
    throw new M365Error(licenceFailure.code, `${upn} was created without licences: ${licenceFailure.message}`, {
      ...licenceFailure.details,
      userId: created.id,
    });
  }
  return toCreatedUser(created, request.user, request.licences);
}

export async function updateUser({ graph }: TenantContext, id: string, patch: TenantUserPatch): Promise<void> {
  await graph.patch(`/users/${userSegment(id)}`, patch, {
    subject: patch.userPrincipalName ?? id,
    ...(patch.passwordProfile ? { protectedChange: 'reset the password of' } : {}),
  });
}

export async function deleteUser({ graph }: TenantContext, id: string): Promise<void> {
  await graph.delete(`/users/${userSegment(id)}`, { subject: id, protectedChange: 'delete' });
}

export async function listDeletedUsers({ graph }: TenantContext): Promise<DeletedTenantUser[]> {
  const deleted: DeletedTenantUser[] = [];
  let link: string | undefined =
    '/directory/deletedItems/microsoft.graph.user?$select=id,userPrincipalName,displayName,deletedDateTime&$top=999';
  while (link) {
    const page: GraphPage<GraphUser> = await graph.get<GraphPage<GraphUser>>(link);
    deleted.push(...page.value.map(toDeletedTenantUser));
    link = page['@odata.nextLink'];
  }
  return deleted;
}

export async function restoreUser(context: TenantContext, id: string): Promise<TenantUser> {
  const restored = await context.graph.post<GraphUser>(
    `/directory/deletedItems/${userSegment(id)}/restore`,
    {},
    {
      subject: id,
    },
  );
  return (await getUser(context, id)) ?? toTenantUser(restored);
}

export async function assignLicenses(
  context: TenantContext,
  idOrUpn: string,
  add: AssignedLicence[],
  removeSkuIds: string[],
): Promise<TenantUser> {
  const user = await context.graph.post<GraphUser>(
    `/users/${userSegment(idOrUpn)}/assignLicense`,
    toAssignLicenseBody(add, removeSkuIds),
    { subject: idOrUpn },
  );
  // assignLicense answers the default property set, which has no licences: read them back.
  if (user.assignedLicenses) return toTenantUser(user);
  return (await getUser(context, user.id ?? idOrUpn)) ?? toTenantUser(user);
}
