import { GraphFault } from './graph-fault';
import { exchangeServicePlanNames } from './sku-catalog';
import {
  initialDomain,
  isVerifiedDomain,
  type SimState,
  type SimTenant,
  type SimUser,
  touchUser,
} from './tenant-state';

/**
 * Exchange mailboxes: one appears `mailboxDelayMs` after a licence with an Exchange service plan, with the UPN as
 * primary address; Set-Mailbox replaces the addresses, which Graph then shows as `mail` and `proxyAddresses`.
 */

function hasExchangeLicence(tenant: SimTenant, user: SimUser): boolean {
  return user.assignedLicenses.some((license) => {
    const sku = tenant.skus.find((candidate) => candidate.skuId === license.skuId);
    return sku?.servicePlans.some(
      (plan) =>
        exchangeServicePlanNames.has(plan.servicePlanName) && !license.disabledPlans.includes(plan.servicePlanId),
    );
  });
}

export function scheduleMailbox(state: SimState, tenant: SimTenant, user: SimUser): void {
  if (user.mailboxReady || user.mailboxDueAt !== null || !hasExchangeLicence(tenant, user)) return;
  user.mailboxDueAt = state.now() + state.mailboxDelayMs;
  tenant.index.pendingMailboxes.add(user);
  settleMailboxes(state, tenant);
}

/**
 * Creates the mailboxes of active users whose time has come: primary address = UPN, plus the initial-domain
 * address. Looks only at the mailboxes still pending.
 */
export function settleMailboxes(state: SimState, tenant: SimTenant): void {
  const now = state.now();
  for (const user of tenant.index.pendingMailboxes) {
    if (user.mailboxDueAt === null || user.mailboxDueAt > now || tenant.users.get(user.id) !== user) continue;
    provisionMailbox(tenant, user);
  }
}

export function provisionMailbox(tenant: SimTenant, user: SimUser): void {
  if (user.mailboxReady) return;
  user.mailboxReady = true;
  user.mailboxDueAt = null;
  tenant.index.pendingMailboxes.delete(user);
  const initialAddress = `${user.mailNickname}@${initialDomain(tenant).name}`;
  const addresses = [`SMTP:${user.userPrincipalName}`];
  if (initialAddress.toLowerCase() !== user.userPrincipalName.toLowerCase()) addresses.push(`smtp:${initialAddress}`);
  for (const address of user.proxyAddresses) {
    const bare = address.replace(/^smtp:/i, '').toLowerCase();
    if (!addresses.some((known) => known.replace(/^smtp:/i, '').toLowerCase() === bare)) addresses.push(`smtp:${bare}`);
  }
  user.proxyAddresses = addresses;
  user.mail = user.userPrincipalName;
  touchUser(tenant, user, ['mail', 'proxyAddresses']);
}

/** Sets all addresses of a mailbox (Exchange Set-Mailbox -EmailAddresses); Graph then shows them. */
export function setMailboxAddresses(tenant: SimTenant, user: SimUser, addresses: string[]): void {
  const primaries = addresses.filter((address) => address.startsWith('SMTP:'));
  if (primaries.length !== 1) {
    throw new GraphFault(
      400,
      'BadRequest',
      `The e-mail address list must contain exactly one primary SMTP address (SMTP:); it had ${primaries.length}.`,
    );
  }
  for (const address of addresses) {
    const match = /^(smtp):([^@\s]+)@([^@\s]+)$/i.exec(address);
    if (!match) throw new GraphFault(400, 'BadRequest', `The e-mail address "${address}" isn't valid.`);
    const domain = (match[3] as string).toLowerCase();
    if (!isVerifiedDomain(tenant, domain)) {
      throw new GraphFault(
        400,
        'BadRequest',
        `The domain '${domain}' in the e-mail address "${address}" isn't an accepted domain for your organization.`,
      );
    }
    const bare = address.slice(5).toLowerCase();
    for (const other of tenant.users.values()) {
      if (other.id === user.id) continue;
      const owns =
        other.userPrincipalName.toLowerCase() === bare ||
        other.proxyAddresses.some((proxy) => proxy.slice(5).toLowerCase() === bare);
      if (owns) {
        throw new GraphFault(
          400,
          'BadRequest',
          `The proxy address "${address}" is already being used by the proxy addresses or LegacyExchangeDN of "${other.userPrincipalName}". Please choose another proxy address.`,
        );
      }
    }
  }
  user.proxyAddresses = [...addresses];
  user.mail = (primaries[0] as string).slice(5);
  touchUser(tenant, user, ['mail', 'proxyAddresses']);
}
