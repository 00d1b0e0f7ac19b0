import { findUser, stableUuid } from '../state/directory';
import { addGroupLink, createGroup } from '../state/groups';
import { mailboxSettingsOf, seededDevice } from '../state/mailbox-settings';
import { defaultDomain, type SimState, type SimTenant, type SimUser } from '../state/tenant-state';
import type { SeedGroup, SeedUser } from '../types';

/**
 * A seed's groups (members and owners by UPN, licences by part number) and its users' mailbox settings (shared,
 * size, phones). Seeded group licences are given at once, as if processed long ago.
 */

function seededUser(tenant: SimTenant, key: string): SimUser {
  const upn = key.includes('@') ? key : `${key}@${defaultDomain(tenant).name}`;
  const user = findUser(tenant, upn);
  if (!user)
    throw new Error(
      `The simulator seed puts ${upn} in a group of tenant ${tenant.displayName}, who is not one of its users.`,
    );
  return user;
}

export function addSeedGroup(
  state: SimState,
  tenant: SimTenant,
  seed: SeedGroup,
  skuIdOf: (sku: string) => string,
): void {
  const group = createGroup(state, tenant, {
    id: stableUuid(`${tenant.id}/group/${seed.displayName.toLowerCase()}`),
    displayName: seed.displayName,
    description: seed.description,
    kind: seed.kind,
    mailDomain: defaultDomain(tenant).name,
    assignedLicenses: (seed.licenses ?? []).map((sku) => ({ skuId: skuIdOf(sku), disabledPlans: [] })),
  });
  const members =
    seed.members === 'all'
      ? [...tenant.users.values()].filter((user) => user.accountEnabled)
      : (seed.members ?? []).map((key) => seededUser(tenant, key));
  for (const member of members) addGroupLink(state, tenant, group, member, 'members');
  for (const owner of seed.owners ?? []) addGroupLink(state, tenant, group, seededUser(tenant, owner), 'owners');
}

/** A mailbox's size when the seed names none: a few hundred megabytes to a few gigabytes, stable per user. */
function defaultSize(user: SimUser): number {
  const spread = Number.parseInt(user.id.replace(/-/g, '').slice(0, 6), 16) % 4000;
  return (200 + spread) * 1024 * 1024;
}

export function seedMailbox(user: SimUser, seed: SeedUser): void {
  if (!user.mailboxReady) return;
  const settings = mailboxSettingsOf(user);
  settings.sizeBytes = seed.mailbox?.sizeMB !== undefined ? seed.mailbox.sizeMB * 1024 * 1024 : defaultSize(user);
  settings.itemCount = Math.round(settings.sizeBytes / 75_000);
  if (seed.mailbox?.shared) settings.type = 'SharedMailbox';
  settings.mobileDevices = (seed.mailbox?.mobileDevices ?? []).map((name) => seededDevice(user, name));
}
