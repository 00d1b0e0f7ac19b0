import type {
  AssignedLicence,
  DeletedTenantUser,
  NewTenantUser,
  TenantDomain,
  TenantOrganization,
  TenantSku,
  TenantUser,
} from './types';

/**
 * Graph's JSON shapes and their mapping to m365/types.ts. Graph omits unselected and never-set properties, so
 * every optional field is read defensively.
 */

/** Everything TenantUser holds; Graph returns most of it only on $select. */
export const tenantUserSelect = [
  'id',
  'userPrincipalName',
  'displayName',
  'givenName',
  'surname',
  'accountEnabled',
  'assignedLicenses',
  'usageLocation',
  'mail',
  'proxyAddresses',
  'licenseAssignmentStates',
] as const;

export interface GraphUser {
  id: string;
  userPrincipalName?: string;
  displayName?: string;
  givenName?: string | null;
  surname?: string | null;
  accountEnabled?: boolean;
  assignedLicenses?: { skuId: string; disabledPlans?: string[] }[];
  usageLocation?: string | null;
  mail?: string | null;
  proxyAddresses?: string[];
  licenseAssignmentStates?: {
    skuId: string;
    assignedByGroup?: string | null;
    state?: string;
    error?: string;
    disabledPlans?: string[];
  }[];
  deletedDateTime?: string;
  '@removed'?: { reason?: string };
}

export interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export function toTenantUser(user: GraphUser): TenantUser {
  const tenantUser: TenantUser = {
    id: user.id,
    userPrincipalName: user.userPrincipalName ?? '',
    displayName: user.displayName ?? '',
    assignedLicenses: (user.assignedLicenses ?? []).map((licence) => ({
      skuId: licence.skuId,
      disabledPlans: licence.disabledPlans ?? [],
    })),
    proxyAddresses: user.proxyAddresses ?? [],
  };
  if (user.givenName !== undefined) tenantUser.givenName = user.givenName;
  if (user.surname !== undefined) tenantUser.surname = user.surname;
  if (user.accountEnabled !== undefined) tenantUser.accountEnabled = user.accountEnabled;
  if (user.usageLocation !== undefined) tenantUser.usageLocation = user.usageLocation;
  if (user.mail !== undefined) tenantUser.mail = user.mail;
  if (user.licenseAssignmentStates) {
    tenantUser.licenseAssignmentStates = user.licenseAssignmentStates.map((entry) => ({
      skuId: entry.skuId,
      assignedByGroup: entry.assignedByGroup ?? null,
      state: entry.state ?? 'Active',
      error: entry.error ?? 'None',
      disabledPlans: entry.disabledPlans ?? [],
    }));
  }
  return tenantUser;
}

export function toDeletedTenantUser(user: GraphUser): DeletedTenantUser {
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName ?? '',
    displayName: user.displayName ?? '',
    deletedDateTime: user.deletedDateTime ?? '',
  };
}

/** POST /users body: the five required properties plus the optional ones given. */
export function toCreateUserBody(user: NewTenantUser): Record<string, unknown> {
  const body: Record<string, unknown> = {
    accountEnabled: user.accountEnabled,
    displayName: user.displayName,
    mailNickname: user.mailNickname,
    userPrincipalName: user.userPrincipalName,
    passwordProfile: { password: user.password, forceChangePasswordNextSignIn: user.forceChangePasswordNextSignIn },
  };
  if (user.givenName !== undefined) body.givenName = user.givenName;
  if (user.surname !== undefined) body.surname = user.surname;
  if (user.usageLocation !== undefined) body.usageLocation = user.usageLocation;
  return body;
}

/** POST /users answers the default property set; fill in what we sent so callers see the whole user. */
export function toCreatedUser(
  created: GraphUser,
  request: NewTenantUser,
  licences: AssignedLicence[] = [],
): TenantUser {
  return toTenantUser({
    accountEnabled: request.accountEnabled,
    usageLocation: request.usageLocation,
    assignedLicenses: licences,
    ...created,
    givenName: created.givenName ?? request.givenName ?? null,
    surname: created.surname ?? request.surname ?? null,
  });
}

/** assignLicense body: both collections are non-nullable in Graph's schema, so empty ones are sent as []. */
export function toAssignLicenseBody(add: AssignedLicence[], removeSkuIds: string[]): Record<string, unknown> {
  return {
    addLicenses: add.map((license) => ({ skuId: license.skuId, disabledPlans: license.disabledPlans ?? [] })),
    removeLicenses: removeSkuIds,
  };
}

export interface GraphSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus?: string;
  consumedUnits?: number;
  prepaidUnits?: { enabled?: number; warning?: number };
  servicePlans?: { servicePlanId: string; servicePlanName: string }[];
}

export function toTenantSku(sku: GraphSku): TenantSku {
  const enabledUnits = (sku.prepaidUnits?.enabled ?? 0) + (sku.prepaidUnits?.warning ?? 0);
  const consumedUnits = sku.consumedUnits ?? 0;
  return {
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    capabilityStatus: sku.capabilityStatus ?? 'Enabled',
    enabledUnits,
    consumedUnits,
    availableUnits: Math.max(0, enabledUnits - consumedUnits),
    servicePlans: (sku.servicePlans ?? []).map((plan) => ({
      servicePlanId: plan.servicePlanId,
      servicePlanName: plan.servicePlanName,
    })),
  };
}

export function toTenantDomain(domain: {
  id: string;
  isVerified?: boolean;
  isDefault?: boolean;
  isInitial?: boolean;
}): TenantDomain {
  return {
    id: domain.id,
    isVerified: domain.isVerified ?? false,
    isDefault: domain.isDefault ?? false,
    isInitial: domain.isInitial ?? false,
  };
}

export interface GraphOrganization {
  id: string;
  displayName?: string;
  verifiedDomains?: { name: string; isDefault?: boolean; isInitial?: boolean }[];
}

export function toTenantOrganization(organization: GraphOrganization): TenantOrganization {
  return {
    id: organization.id,
    displayName: organization.displayName ?? '',
    verifiedDomains: (organization.verifiedDomains ?? []).map((domain) => ({
      name: domain.name,
      isDefault: domain.isDefault ?? false,
      isInitial: domain.isInitial ?? false,
    })),
  };
}

/** A value for an OData string literal in $filter: quotes doubled, then URL-encoded. */
export function odataString(value: string): string {
  return encodeURIComponent(`'${value.replace(/'/g, "''")}'`);
}

/** A user key (object id or UPN) as one URL path segment. */
export function userSegment(idOrUpn: string): string {
  return encodeURIComponent(idOrUpn);
}
