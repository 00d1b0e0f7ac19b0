import { isRequestedPermission } from '../authority/app-roles';
import type { FaultInjector } from '../faults/fault-injector';
import type { NotificationControls } from '../notify/notification-controls';
import {
  assignLicenses,
  consumedUnits,
  createUser,
  deleteUser,
  findUser,
  grantRole,
  purgeUser,
  renameUser,
  resolveRoleTemplateId,
  restoreUser,
  revokeRole,
  roleMemberIds,
} from '../state/directory';
import { provisionMailbox } from '../state/mailboxes';
import type { SimState, SimUser } from '../state/tenant-state';
import type { SimControl, SimLifecycleControl, SimLoggedRequest, SimSkuView, SimUserView } from '../types';
import { deletedOf, skuIdOf, tenantIn, userOf } from './control-lookups';
import { lifecycleControls } from './lifecycle-controls';

/** The admin portal over the simulator's state: what an administrator changes by hand, and views for tests. */

export class RequestCounter {
  private counts = new Map<string, number>();
  private log: SimLoggedRequest[] = [];

  add(route: string, request?: { method: string; path: string; body?: unknown }): void {
    this.counts.set(route, (this.counts.get(route) ?? 0) + 1);
    if (!request || request.method === 'GET' || request.method === 'HEAD' || route === 'control') return;
    if (route.includes('token') || route.includes('adminconsent')) return;
    this.log.push({ route, ...request });
    if (route === 'POST /v1.0/$batch') this.log.push(...batchItems(request.body));
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  entries(): SimLoggedRequest[] {
    return structuredClone(this.log);
  }

  reset(): void {
    this.counts.clear();
    this.log = [];
  }
}

function batchItems(body: unknown): SimLoggedRequest[] {
  const items = (body as { requests?: { method?: string; url?: string; body?: unknown }[] } | undefined)?.requests;
  return (items ?? [])
    .filter((item) => item.method && item.method !== 'GET')
    .map((item) => ({
      route: `${item.method} ${item.url} (batch item)`,
      method: String(item.method),
      path: String(item.url),
      ...(item.body !== undefined ? { body: item.body } : {}),
    }));
}

function viewOf(user: SimUser): SimUserView {
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    givenName: user.givenName,
    surname: user.surname,
    mail: user.mail,
    accountEnabled: user.accountEnabled,
    usageLocation: user.usageLocation,
    assignedLicenses: user.assignedLicenses.map((license) => ({
      skuId: license.skuId,
      disabledPlans: [...license.disabledPlans],
    })),
    proxyAddresses: [...user.proxyAddresses],
    mailboxReady: user.mailboxReady,
    deletedDateTime: user.deletedDateTime,
    lastPasswordChangeDateTime: user.lastPasswordChangeDateTime ?? null,
  };
}

export function createSimControl(
  state: SimState,
  faults: FaultInjector,
  counter: RequestCounter,
  notifications: NotificationControls,
): SimControl {
  return {
    ...userControls(state),
    ...tenantControls(state, faults, counter),
    ...lifecycleControls(state),
    ...notifications,
  };
}

type UserControls = Pick<
  SimControl,
  | 'addUser'
  | 'deleteUser'
  | 'restoreUser'
  | 'purgeUser'
  | 'renameUpn'
  | 'setLicenses'
  | 'grantRole'
  | 'revokeRole'
  | 'setDomainVerified'
  | 'setSkuUnits'
  | 'makeMailboxReady'
>;

/** Changes to users, their licences, roles and mailboxes, made as an administrator would outside m365ops. */
function userControls(state: SimState): UserControls {
  const tenantOf = (tenantId: string) => tenantIn(state, tenantId);
  return {
    addUser(tenantId, user) {
      const tenant = tenantOf(tenantId);
      const created = createUser(state, tenant, {
        userPrincipalName: user.userPrincipalName,
        displayName: user.displayName ?? user.userPrincipalName.split('@')[0] ?? user.userPrincipalName,
        mailNickname: user.userPrincipalName.split('@')[0] ?? user.userPrincipalName,
        accountEnabled: user.accountEnabled ?? true,
        givenName: user.givenName,
        surname: user.surname,
        usageLocation: user.usageLocation,
      });
      const licenses = (user.licenses ?? []).map((sku) => ({ skuId: skuIdOf(tenant, sku), disabledPlans: [] }));
      if (licenses.length > 0) assignLicenses(state, tenant, created, licenses, []);
      return viewOf(created);
    },
    deleteUser(tenantId, key) {
      const tenant = tenantOf(tenantId);
      deleteUser(state, tenant, userOf(tenant, key));
    },
    restoreUser(tenantId, key) {
      const tenant = tenantOf(tenantId);
      return viewOf(restoreUser(tenant, deletedOf(tenant, key).id));
    },
    purgeUser(tenantId, key) {
      const tenant = tenantOf(tenantId);
      purgeUser(tenant, deletedOf(tenant, key).id);
    },
    renameUpn(tenantId, key, newUpn) {
      const tenant = tenantOf(tenantId);
      const user = userOf(tenant, key);
      renameUser(tenant, user, newUpn);
      return viewOf(user);
    },
    setLicenses(tenantId, key, skus) {
      const tenant = tenantOf(tenantId);
      const user = userOf(tenant, key);
      const wanted = skus.map((sku) => skuIdOf(tenant, sku));
      const remove = user.assignedLicenses.map((license) => license.skuId).filter((skuId) => !wanted.includes(skuId));
      const add = wanted
        .filter((skuId) => !user.assignedLicenses.some((license) => license.skuId === skuId))
        .map((skuId) => ({ skuId, disabledPlans: [] }));
      assignLicenses(state, tenant, user, add, remove);
      return viewOf(user);
    },
    grantRole(tenantId, key, role) {
      const tenant = tenantOf(tenantId);
      grantRole(tenant, resolveRoleTemplateId(role), userOf(tenant, key).id);
    },
    revokeRole(tenantId, key, role) {
      const tenant = tenantOf(tenantId);
      const user = userOf(tenant, key);
      if (!revokeRole(tenant, resolveRoleTemplateId(role), user.id)) {
        throw new Error(`${user.userPrincipalName} does not hold the role ${role}.`);
      }
    },
    setDomainVerified(tenantId, name, verified) {
      const tenant = tenantOf(tenantId);
      const domain = tenant.domains.find((candidate) => candidate.name === name.toLowerCase());
      if (domain) domain.isVerified = verified;
      else tenant.domains.push({ name: name.toLowerCase(), isVerified: verified, isDefault: false, isInitial: false });
      tenant.seq += 1;
    },
    setSkuUnits(tenantId, key, units) {
      const tenant = tenantOf(tenantId);
      const skuId = skuIdOf(tenant, key);
      const sku = tenant.skus.find((candidate) => candidate.skuId === skuId);
      if (sku) sku.units = units;
    },
    makeMailboxReady(tenantId, key) {
      const tenant = tenantOf(tenantId);
      const user = userOf(tenant, key);
      provisionMailbox(tenant, user);
      return viewOf(user);
    },
  };
}

type TenantControls = Omit<SimControl, keyof UserControls | keyof NotificationControls | keyof SimLifecycleControl>;

/** The tenant's consent and delta links, what tests read back, and the faults and request counts. */
function tenantControls(state: SimState, faults: FaultInjector, counter: RequestCounter): TenantControls {
  const tenantOf = (tenantId: string) => tenantIn(state, tenantId);
  return {
    grantConsent(tenantId, options) {
      const tenant = tenantOf(tenantId);
      tenant.consent = options?.roles === false ? 'no-roles' : 'granted';
      // Consenting again grants everything the app asks for.
      tenant.withheldPermissions.clear();
    },
    removePermission(tenantId, permission) {
      if (!isRequestedPermission(permission)) throw new Error(`The app does not ask for the permission ${permission}.`);
      tenantOf(tenantId).withheldPermissions.add(permission);
    },
    revokeConsent(tenantId) {
      tenantOf(tenantId).consent = 'none';
    },
    expireDeltaTokens(tenantId, answer = 'gone') {
      const tenant = tenantOf(tenantId);
      tenant.deltaGeneration += 1;
      tenant.deltaExpiryAnswer = answer;
    },
    getUser(tenantId, key) {
      const tenant = tenantOf(tenantId);
      const lower = key.toLowerCase();
      const user =
        findUser(tenant, key) ??
        tenant.deleted.get(lower) ??
        [...tenant.deleted.values()].find((candidate) => candidate.userPrincipalName.toLowerCase() === lower);
      return user ? viewOf(user) : null;
    },
    listUsers: (tenantId) => [...tenantOf(tenantId).users.values()].map(viewOf),
    listDeletedUsers: (tenantId) => [...tenantOf(tenantId).deleted.values()].map(viewOf),
    listRoleMembers: (tenantId, role) => roleMemberIds(tenantOf(tenantId), resolveRoleTemplateId(role)),
    getSkus(tenantId) {
      const tenant = tenantOf(tenantId);
      return tenant.skus.map(
        (sku): SimSkuView => ({
          skuId: sku.skuId,
          skuPartNumber: sku.skuPartNumber,
          enabledUnits: sku.units,
          consumedUnits: consumedUnits(tenant, sku.skuId),
          servicePlans: sku.servicePlans.map((plan) => ({ ...plan })),
        }),
      );
    },
    getConsent: (tenantId) => tenantOf(tenantId).consent,
    setFaults: (next) => faults.set(next),
    clearFaults: () => faults.clear(),
    requestCounts: () => counter.snapshot(),
    requestLog: () => counter.entries(),
    resetRequestCounts: () => counter.reset(),
  };
}
