import type { SimResponse } from '../http/sim-http';
import { mailboxSettingsOf } from '../state/mailbox-settings';
import type { SimTenant, SimUser } from '../state/tenant-state';

/** Exchange's answers and lookups shared by the cmdlets: errors in its envelope, mailboxes by any identity. */

export function exchangeError(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}

function serverName(tenant: SimTenant): string {
  return `${tenant.id.replace(/-/g, '').slice(0, 6).toUpperCase()}MB4321`;
}

export function notFoundAnswer(tenant: SimTenant, identity: string): SimResponse {
  return exchangeError(
    404,
    'NotFound',
    `Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object '${identity}' couldn't be found on '${serverName(tenant)}.PROD.OUTLOOK.COM'.`,
  );
}

/** A parameter Exchange cannot bind: the value is of the wrong type or out of its set. */
export function argumentAnswer(parameter: string, detail: string): SimResponse {
  return exchangeError(
    400,
    'BadRequest',
    `Ex4B5B8D|System.Management.Automation.ParameterBindingException|Cannot process argument transformation on parameter '${parameter}'. ${detail}`,
  );
}

export function missingParameterAnswer(cmdlet: string, parameter: string): SimResponse {
  return exchangeError(
    400,
    'BadRequest',
    `Cannot process command because of one or more missing mandatory parameters: ${parameter}. (${cmdlet})`,
  );
}

/** A user known to Exchange by object id, UPN, alias or any of its addresses (mailbox or not). */
export function findRecipient(tenant: SimTenant, identity: string, withMailbox: boolean): SimUser | undefined {
  const key = identity.toLowerCase();
  const direct = tenant.users.get(key) ?? tenant.index.byUpn.get(key);
  if (direct && (!withMailbox || direct.mailboxReady)) return direct;
  for (const user of tenant.users.values()) {
    if (withMailbox && !user.mailboxReady) continue;
    const addresses = user.proxyAddresses.map((address) => address.slice(5).toLowerCase());
    if (
      user.id === key ||
      user.userPrincipalName.toLowerCase() === key ||
      user.mailNickname.toLowerCase() === key ||
      addresses.includes(key)
    ) {
      return user;
    }
  }
  return undefined;
}

export function findMailbox(tenant: SimTenant, identity: string): SimUser | undefined {
  return findRecipient(tenant, identity, true);
}

export function mailboxJson(user: SimUser) {
  const primary =
    user.proxyAddresses.find((address) => address.startsWith('SMTP:'))?.slice(5) ?? user.userPrincipalName;
  const settings = mailboxSettingsOf(user);
  return {
    Identity: user.mailNickname,
    Alias: user.mailNickname,
    DisplayName: user.displayName,
    UserPrincipalName: user.userPrincipalName,
    PrimarySmtpAddress: primary,
    EmailAddresses: [...user.proxyAddresses],
    ExternalDirectoryObjectId: user.id,
    RecipientType: 'UserMailbox',
    RecipientTypeDetails: settings.type,
    ForwardingSmtpAddress: settings.forwardingSmtpAddress,
    ForwardingAddress: null,
    DeliverToMailboxAndForward: settings.deliverToMailboxAndForward,
    HiddenFromAddressListsEnabled: settings.hiddenFromAddressListsEnabled,
  };
}
