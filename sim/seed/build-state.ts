import { randomBytes } from 'node:crypto';
import {
  createUser,
  deleteUser,
  grantRole,
  resolveRoleTemplateId,
  stableUuid,
  assignLicenses as writeLicenses,
} from '../state/directory';
import { settleGroupLicenses } from '../state/group-licensing';
import { provisionMailbox } from '../state/mailboxes';
import { findCatalogSku } from '../state/sku-catalog';
import type { SimState, SimTenant, SimUser } from '../state/tenant-state';
import { createUserIndex } from '../state/user-index';
import type { SeedTenant, SeedUser, SimSeed } from '../types';
import { addSeedGroup, seedMailbox } from './seed-groups';

/**
 * Turns a seed into live tenants through the same directory rules Graph uses, so a seed cannot hold what a real
 * tenant could not (a licence without usage location, a UPN on an unverified domain). Seeded licensed users have
 * their mailbox already.
 */

function buildTenant(seed: SeedTenant): SimTenant {
  const tenantId = seed.id.toLowerCase();
  const hasDefault = seed.domains.some((domain) => domain.default);
  return {
    id: tenantId,
    displayName: seed.displayName,
    domains: seed.domains.map((domain, index) => ({
      name: domain.name.toLowerCase(),
      isVerified: domain.verified ?? true,
      isDefault: domain.default ?? (!hasDefault && index === 0),
      isInitial: domain.initial ?? false,
    })),
    skus: (seed.skus ?? []).map((sku) => {
      const catalog = findCatalogSku(sku.skuId ?? sku.partNumber);
      if (!catalog) throw new Error(`The simulator seed names an unknown SKU ${sku.partNumber}.`);
      return {
        id: `${tenantId}_${catalog.skuId}`,
        skuId: catalog.skuId,
        skuPartNumber: catalog.skuPartNumber,
        units: sku.units,
        servicePlans: catalog.servicePlans,
        subscriptionId: stableUuid(`${tenantId}/subscription/${catalog.skuId}`),
      };
    }),
    users: new Map(),
    index: createUserIndex(),
    deleted: new Map(),
    purged: [],
    consent: seed.consent ?? 'granted',
    withheldPermissions: new Set(),
    roleAssignments: [],
    groups: [],
    activatedRoles: new Map(),
    seq: 0,
    deltaGeneration: 1,
    deltaExpiryAnswer: 'gone',
  };
}

function skuIdOf(tenant: SimTenant, partNumberOrId: string): string {
  const key = partNumberOrId.toLowerCase();
  const sku = tenant.skus.find((candidate) => candidate.skuPartNumber.toLowerCase() === key || candidate.skuId === key);
  if (!sku)
    throw new Error(
      `The simulator seed gives tenant ${tenant.displayName} a user licence ${partNumberOrId} it has no subscription for.`,
    );
  return sku.skuId;
}

function addSeedUser(state: SimState, tenant: SimTenant, seed: SeedUser): SimUser {
  const defaultDomain = tenant.domains.find((domain) => domain.isDefault)?.name;
  const upn = seed.userPrincipalName.includes('@')
    ? seed.userPrincipalName
    : `${seed.userPrincipalName}@${defaultDomain}`;
  const user = createUser(state, tenant, {
    id: stableUuid(`${tenant.id}/user/${upn.toLowerCase()}`),
    userPrincipalName: upn,
    displayName: seed.displayName,
    mailNickname: upn.split('@')[0] as string,
    accountEnabled: seed.accountEnabled ?? !seed.mailbox?.shared,
    givenName: seed.givenName,
    surname: seed.surname,
    jobTitle: seed.jobTitle,
    usageLocation: seed.usageLocation,
  });
  user.proxyAddresses = (seed.aliases ?? []).map((alias) => `smtp:${alias.toLowerCase()}`);
  const licenses = (seed.licenses ?? []).map((sku) => ({ skuId: skuIdOf(tenant, sku), disabledPlans: [] }));
  if (licenses.length > 0) writeLicenses(state, tenant, user, licenses, []);
  if (user.mailboxDueAt !== null || seed.mailbox?.shared) provisionMailbox(tenant, user);
  seedMailbox(user, seed);
  for (const role of seed.roles ?? []) grantRole(tenant, resolveRoleTemplateId(role), user.id);
  if (seed.deleted) deleteUser(state, tenant, user);
  return user;
}

function seedUsersOf(seed: SeedTenant): SeedUser[] {
  const generated = (seed.generated ?? []).flatMap((group) =>
    group.names.map((name): SeedUser => {
      const [givenName = name, ...rest] = name.split(' ');
      const surname = rest.join(' ');
      const userName = `${givenName}.${surname}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
      return {
        userPrincipalName: group.domain ? `${userName}@${group.domain}` : userName,
        displayName: name,
        givenName,
        surname: surname || undefined,
        usageLocation: group.usageLocation,
        licenses: group.licenses,
      };
    }),
  );
  return [...(seed.users ?? []), ...generated];
}

/** Seeded group licences are processed at once, as if long ago; their mailboxes are there too. */
function settleSeededGroupLicences(state: SimState, tenant: SimTenant): void {
  for (const user of tenant.index.pendingGroupLicenses) {
    for (const entry of user.groupLicenses ?? []) entry.dueAt = 0;
  }
  settleGroupLicenses(state, tenant);
  for (const user of [...tenant.index.pendingMailboxes]) provisionMailbox(tenant, user);
}

export function buildState(
  seed: SimSeed,
  options: { redirectUris: string[]; mailboxDelayMs: number; groupLicenseDelayMs?: number; now: () => number },
): SimState {
  const state: SimState = {
    app: {
      clientId: (seed.app?.clientId ?? stableUuid('m365ops-simulator-app')).toLowerCase(),
      clientSecret: seed.app?.clientSecret ?? randomBytes(24).toString('base64url'),
      displayName: seed.app?.displayName ?? 'm365ops',
      redirectUris: options.redirectUris,
    },
    tenants: new Map(),
    mailboxDelayMs: options.mailboxDelayMs,
    groupLicenseDelayMs: options.groupLicenseDelayMs,
    now: options.now,
  };
  for (const tenantSeed of seed.tenants) {
    const tenant = buildTenant(tenantSeed);
    state.tenants.set(tenant.id, tenant);
    for (const userSeed of seedUsersOf(tenantSeed)) addSeedUser(state, tenant, userSeed);
    for (const groupSeed of tenantSeed.groups ?? [])
      addSeedGroup(state, tenant, groupSeed, (sku) => skuIdOf(tenant, sku));
    settleSeededGroupLicences(state, tenant);
  }
  return state;
}
