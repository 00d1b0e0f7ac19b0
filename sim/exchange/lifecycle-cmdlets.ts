import type { SimResponse } from '../http/sim-http';
import { mailboxSettingsOf, totalItemSizeText } from '../state/mailbox-settings';
import type { SimMailboxSettings, SimTenant, SimUser } from '../state/tenant-state';
import {
  argumentAnswer,
  exchangeError,
  findMailbox,
  findRecipient,
  missingParameterAnswer,
  notFoundAnswer,
} from './exchange-answers';
import { runDeviceCmdlet } from './mobile-devices';

/**
 * The joiner–leaver cmdlets: Set-Mailbox's settings (-Type, -ForwardingSmtpAddress, -DeliverToMailboxAndForward,
 * -HiddenFromAddressListsEnabled), Get-MailboxStatistics, Get/Set-MailboxAutoReplyConfiguration,
 * Add/Get-MailboxPermission, Add/Get-RecipientPermission and the mobile devices (./mobile-devices.ts).
 */

const settingNames = ['Type', 'ForwardingSmtpAddress', 'DeliverToMailboxAndForward', 'HiddenFromAddressListsEnabled'];
const smtpAddress = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function hasMailboxSettings(parameters: Record<string, unknown>): boolean {
  return settingNames.some((name) => name in parameters);
}

function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '$true' || value === 'True') return true;
  if (value === 'false' || value === '$false' || value === 'False') return false;
  return undefined;
}

type SettingsPlan = { refused: SimResponse } | { apply: (tenant: SimTenant, user: SimUser) => void };

/** Checks every setting before any is applied, so a refused Set-Mailbox changes nothing. */
export function planMailboxSettings(parameters: Record<string, unknown>): SettingsPlan {
  const changes: Partial<SimMailboxSettings> = {};
  if ('Type' in parameters) {
    const type = String(parameters.Type ?? '');
    const known = ['Regular', 'Room', 'Equipment', 'Shared', 'Workspace'];
    const match = known.find((name) => name.toLowerCase() === type.toLowerCase());
    if (!match) {
      return {
        refused: argumentAnswer(
          'Type',
          `Cannot convert value "${type}" to type "Microsoft.Exchange.Data.Directory.Management.ConvertibleMailboxSubType". Error: "Unable to match the identifier name ${type} to a valid enumerator name. Specify one of the following enumerator names and try again: ${known.join(', ')}"`,
        ),
      };
    }
    if (match !== 'Regular' && match !== 'Shared') {
      return {
        refused: exchangeError(
          400,
          'BadRequest',
          `The simulator converts mailboxes to Regular or Shared only, not ${match}.`,
        ),
      };
    }
    changes.type = match === 'Shared' ? 'SharedMailbox' : 'UserMailbox';
  }
  if ('ForwardingSmtpAddress' in parameters) {
    const raw = parameters.ForwardingSmtpAddress;
    const address = raw === null || raw === '' ? null : String(raw).replace(/^smtp:/i, '');
    if (address !== null && !smtpAddress.test(address)) {
      return {
        refused: argumentAnswer(
          'ForwardingSmtpAddress',
          `Cannot convert value "${String(raw)}" to type "Microsoft.Exchange.Data.ProxyAddress". Error: "The address '${String(raw)}' is invalid: "${address}" isn't a valid SMTP address."`,
        ),
      };
    }
    changes.forwardingSmtpAddress = address === null ? null : `smtp:${address}`;
  }
  for (const [name, key] of [
    ['DeliverToMailboxAndForward', 'deliverToMailboxAndForward'],
    ['HiddenFromAddressListsEnabled', 'hiddenFromAddressListsEnabled'],
  ] as const) {
    if (!(name in parameters)) continue;
    const value = booleanOf(parameters[name]);
    if (value === undefined) {
      return {
        refused: argumentAnswer(
          name,
          `Cannot convert value "${String(parameters[name])}" to type "System.Boolean". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`,
        ),
      };
    }
    changes[key] = value;
  }
  return { apply: (_tenant, user) => Object.assign(mailboxSettingsOf(user), changes) };
}

function rightsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(',').map((right) => right.trim()) : [];
}

function trusteeNotFound(identity: string): SimResponse {
  return exchangeError(
    400,
    'BadRequest',
    `Ex2A1E3F|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|User or group "${identity}" wasn't found. Please make sure you've typed it correctly.`,
  );
}

const mailboxRights = [
  'FullAccess',
  'ExternalAccount',
  'DeleteItem',
  'ReadPermission',
  'ChangePermission',
  'ChangeOwner',
];

function permissionJson(mailbox: SimUser, trustee: string, rights: string[]) {
  return {
    Identity: mailbox.mailNickname,
    User: trustee,
    AccessRights: rights,
    Deny: false,
    InheritanceType: 'All',
    IsInherited: false,
    IsValid: true,
  };
}

function upnOf(tenant: SimTenant, userId: string): string {
  return tenant.users.get(userId)?.userPrincipalName ?? tenant.deleted.get(userId)?.userPrincipalName ?? userId;
}

function addMailboxPermission(tenant: SimTenant, mailbox: SimUser, parameters: Record<string, unknown>) {
  if (typeof parameters.User !== 'string') return missingParameterAnswer('Add-MailboxPermission', 'User');
  const rights = rightsOf(parameters.AccessRights);
  const wrong = rights.find((right) => !mailboxRights.includes(right));
  if (rights.length === 0 || wrong !== undefined) {
    return argumentAnswer(
      'AccessRights',
      `Cannot convert value "${wrong ?? ''}" to type "Microsoft.Exchange.Management.RecipientTasks.MailboxRights[]". Specify one of the following enumerator names and try again: ${mailboxRights.join(', ')}`,
    );
  }
  const trustee = findRecipient(tenant, parameters.User, false);
  if (!trustee) return trusteeNotFound(parameters.User);
  const settings = mailboxSettingsOf(mailbox);
  const entry = settings.permissions.find((permission) => permission.userId === trustee.id);
  if (entry) entry.accessRights = [...new Set([...entry.accessRights, ...rights])];
  else settings.permissions.push({ userId: trustee.id, accessRights: rights });
  return [permissionJson(mailbox, trustee.userPrincipalName, rights)];
}

function addRecipientPermission(tenant: SimTenant, mailbox: SimUser, parameters: Record<string, unknown>) {
  if (typeof parameters.Trustee !== 'string') return missingParameterAnswer('Add-RecipientPermission', 'Trustee');
  const rights = rightsOf(parameters.AccessRights);
  if (rights.length !== 1 || rights[0] !== 'SendAs') {
    return argumentAnswer(
      'AccessRights',
      `Cannot convert value "${rights.join(',')}" to type "Microsoft.Exchange.Management.RecipientTasks.RecipientAccessRight[]". Specify one of the following enumerator names and try again: SendAs`,
    );
  }
  const trustee = findRecipient(tenant, parameters.Trustee, false);
  if (!trustee) return trusteeNotFound(parameters.Trustee);
  const settings = mailboxSettingsOf(mailbox);
  if (!settings.sendAs.includes(trustee.id)) settings.sendAs.push(trustee.id);
  return [recipientPermissionJson(mailbox, trustee.userPrincipalName)];
}

function recipientPermissionJson(mailbox: SimUser, trustee: string) {
  return {
    Identity: mailbox.mailNickname,
    Trustee: trustee,
    AccessControlType: 'Allow',
    AccessRights: ['SendAs'],
    IsInherited: false,
    InheritanceType: 'None',
  };
}

function setAutoReply(mailbox: SimUser, parameters: Record<string, unknown>) {
  const states = ['Disabled', 'Enabled', 'Scheduled'] as const;
  const given = String(parameters.AutoReplyState ?? '');
  const state = states.find((name) => name.toLowerCase() === given.toLowerCase());
  if ('AutoReplyState' in parameters && !state) {
    return argumentAnswer(
      'AutoReplyState',
      `Cannot convert value "${given}" to type "Microsoft.Exchange.Data.Storage.Management.OofState". Error: "Unable to match the identifier name ${given} to a valid enumerator name. Specify one of the following enumerator names and try again: ${states.join(', ')}"`,
    );
  }
  const settings = mailboxSettingsOf(mailbox);
  if (state) settings.autoReplyState = state;
  if (typeof parameters.InternalMessage === 'string') settings.internalMessage = parameters.InternalMessage;
  if (typeof parameters.ExternalMessage === 'string') settings.externalMessage = parameters.ExternalMessage;
  return [];
}

/** The cmdlets that act on one mailbox named by -Identity. */
function onMailbox(tenant: SimTenant, name: string, mailbox: SimUser, parameters: Record<string, unknown>) {
  const settings = mailboxSettingsOf(mailbox);
  switch (name) {
    case 'Get-MailboxStatistics':
      return [
        {
          DisplayName: mailbox.displayName,
          MailboxGuid: mailbox.id,
          ItemCount: settings.itemCount,
          TotalItemSize: totalItemSizeText(settings.sizeBytes),
          MailboxTypeDetail: settings.type,
        },
      ];
    case 'Get-MailboxAutoReplyConfiguration':
      return [
        {
          Identity: mailbox.mailNickname,
          MailboxOwnerId: mailbox.mailNickname,
          AutoReplyState: settings.autoReplyState,
          InternalMessage: settings.internalMessage,
          ExternalMessage: settings.externalMessage,
          ExternalAudience: 'All',
        },
      ];
    case 'Set-MailboxAutoReplyConfiguration':
      return setAutoReply(mailbox, parameters);
    case 'Add-MailboxPermission':
      return addMailboxPermission(tenant, mailbox, parameters);
    case 'Get-MailboxPermission':
      return [
        permissionJson(mailbox, 'NT AUTHORITY\\SELF', ['FullAccess', 'ReadPermission']),
        ...settings.permissions.map((entry) =>
          permissionJson(mailbox, upnOf(tenant, entry.userId), entry.accessRights),
        ),
      ];
    case 'Add-RecipientPermission':
      return addRecipientPermission(tenant, mailbox, parameters);
    case 'Get-RecipientPermission':
      return [
        recipientPermissionJson(mailbox, 'NT AUTHORITY\\SELF'),
        ...settings.sendAs.map((userId) => recipientPermissionJson(mailbox, upnOf(tenant, userId))),
      ];
    default:
      return undefined;
  }
}

const mailboxCmdlets = new Set([
  'Get-MailboxStatistics',
  'Get-MailboxAutoReplyConfiguration',
  'Set-MailboxAutoReplyConfiguration',
  'Add-MailboxPermission',
  'Get-MailboxPermission',
  'Add-RecipientPermission',
  'Get-RecipientPermission',
]);

/** Runs one of these cmdlets; undefined when the name is none of them. */
export function runLifecycleCmdlet(
  tenant: SimTenant,
  name: string,
  parameters: Record<string, unknown>,
  context: string,
): SimResponse | undefined {
  if (!mailboxCmdlets.has(name)) return runDeviceCmdlet(tenant, name, parameters, context);
  const identity = typeof parameters.Identity === 'string' ? parameters.Identity : undefined;
  if (!identity) return missingParameterAnswer(name, 'Identity');
  const mailbox = findMailbox(tenant, identity);
  if (!mailbox) return notFoundAnswer(tenant, identity);
  const outcome = onMailbox(tenant, name, mailbox, parameters);
  if (outcome === undefined) return undefined;
  if (!Array.isArray(outcome)) return outcome;
  return { status: 200, body: { '@odata.context': context, value: outcome } };
}
