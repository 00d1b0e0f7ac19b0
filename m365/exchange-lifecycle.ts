import type { ExchangeClient } from './exchange-client';
import type { MailboxAccess, MailboxDetails, TenantMobileDevice } from './types';

/**
 * The Exchange cmdlets of the joiner–leaver lifecycle over the admin REST endpoint: mailbox type, size,
 * forwarding, permissions, automatic replies, address-book visibility and mobile devices. Each setting is written
 * whole, so a call may be repeated after a network failure.
 */

interface ExchangeMailboxDetails {
  UserPrincipalName?: string;
  RecipientTypeDetails?: string;
  ForwardingSmtpAddress?: string | null;
  DeliverToMailboxAndForward?: boolean;
  HiddenFromAddressListsEnabled?: boolean;
}

interface ExchangeMobileDevice {
  Identity?: string;
  Guid?: string;
  FriendlyName?: string | null;
  DeviceModel?: string | null;
  DeviceId?: string | null;
}

function firstOf<T>(body: unknown): T | undefined {
  return ((body as { value?: T[] } | undefined)?.value ?? [])[0];
}

/** TotalItemSize as Exchange writes it: `1.234 GB (1,324,587,008 bytes)`; 0 when unreadable. */
export function bytesOfSize(text: unknown): number {
  if (typeof text === 'number') return text;
  const bytes = /\(([\d,.\s]+) bytes\)/.exec(String(text ?? ''))?.[1];
  return bytes ? Number(bytes.replace(/[^\d]/g, '')) : 0;
}

export async function getMailboxDetails(exchange: ExchangeClient, upn: string): Promise<MailboxDetails | null> {
  const mailbox = await exchange.invoke('Get-Mailbox', { Identity: upn }, true, upn);
  if (!mailbox.ok && 'missing' in mailbox) return null;
  exchange.requireDone(mailbox, upn);
  const shape = firstOf<ExchangeMailboxDetails>(mailbox.body);
  if (!shape) return null;
  const statistics = await exchange.invoke('Get-MailboxStatistics', { Identity: upn }, true, upn);
  exchange.requireDone(statistics, upn);
  const autoReply = await exchange.invoke('Get-MailboxAutoReplyConfiguration', { Identity: upn }, true, upn);
  exchange.requireDone(autoReply, upn);
  const state = firstOf<{ AutoReplyState?: string }>(autoReply.body)?.AutoReplyState ?? 'Disabled';
  const forwarding = shape.ForwardingSmtpAddress ? shape.ForwardingSmtpAddress.replace(/^smtp:/i, '') : null;
  return {
    userPrincipalName: shape.UserPrincipalName ?? upn,
    type: shape.RecipientTypeDetails === 'SharedMailbox' ? 'shared' : 'user',
    sizeBytes: bytesOfSize(firstOf<{ TotalItemSize?: unknown }>(statistics.body)?.TotalItemSize),
    forwardingTo: forwarding,
    keepCopy: shape.DeliverToMailboxAndForward ?? false,
    hiddenFromAddressLists: shape.HiddenFromAddressListsEnabled ?? false,
    autoReplyEnabled: state !== 'Disabled',
  };
}

async function setMailbox(exchange: ExchangeClient, upn: string, parameters: Record<string, unknown>): Promise<void> {
  exchange.requireDone(await exchange.invoke('Set-Mailbox', { Identity: upn, ...parameters }, true, upn), upn);
}

export function convertMailboxToShared(exchange: ExchangeClient, upn: string): Promise<void> {
  return setMailbox(exchange, upn, { Type: 'Shared' });
}

export function setMailboxForwarding(
  exchange: ExchangeClient,
  upn: string,
  forwardTo: string | null,
  keepCopy: boolean,
): Promise<void> {
  return setMailbox(exchange, upn, {
    ForwardingSmtpAddress: forwardTo ? `smtp:${forwardTo}` : null,
    DeliverToMailboxAndForward: forwardTo ? keepCopy : false,
  });
}

export function setHiddenFromAddressLists(exchange: ExchangeClient, upn: string, hidden: boolean): Promise<void> {
  return setMailbox(exchange, upn, { HiddenFromAddressListsEnabled: hidden });
}

export async function grantMailboxAccess(
  exchange: ExchangeClient,
  mailbox: string,
  userUpn: string,
  access: MailboxAccess,
): Promise<void> {
  // Granting what is already granted only warns in Exchange, so both cmdlets may be repeated.
  const outcome =
    access === 'FullAccess'
      ? await exchange.invoke(
          'Add-MailboxPermission',
          { Identity: mailbox, User: userUpn, AccessRights: ['FullAccess'], InheritanceType: 'All', AutoMapping: true },
          true,
          mailbox,
        )
      : await exchange.invoke(
          'Add-RecipientPermission',
          { Identity: mailbox, Trustee: userUpn, AccessRights: ['SendAs'], Confirm: false },
          true,
          mailbox,
        );
  exchange.requireDone(outcome, mailbox);
}

export async function setAutoReply(exchange: ExchangeClient, upn: string, message: string | null): Promise<void> {
  const parameters: Record<string, unknown> =
    message === null
      ? { Identity: upn, AutoReplyState: 'Disabled' }
      : {
          Identity: upn,
          AutoReplyState: 'Enabled',
          InternalMessage: message,
          ExternalMessage: message,
          ExternalAudience: 'All',
        };
  exchange.requireDone(await exchange.invoke('Set-MailboxAutoReplyConfiguration', parameters, true, upn), upn);
}

export async function listMobileDevices(exchange: ExchangeClient, upn: string): Promise<TenantMobileDevice[]> {
  const outcome = await exchange.invoke('Get-MobileDevice', { Mailbox: upn }, true, upn);
  if (!outcome.ok && 'missing' in outcome) return [];
  exchange.requireDone(outcome, upn);
  const devices = (outcome.body as { value?: ExchangeMobileDevice[] } | undefined)?.value ?? [];
  return devices.map((device) => ({
    id: device.Guid ?? device.Identity ?? '',
    name: device.FriendlyName || device.DeviceModel || device.DeviceId || 'Mobile device',
  }));
}

export async function removeMobileDevice(exchange: ExchangeClient, id: string): Promise<void> {
  const outcome = await exchange.invoke('Remove-MobileDevice', { Identity: id, Confirm: false }, true, id);
  if (outcome.ok || 'missing' in outcome) return; // already removed: the goal is reached
  throw outcome.error;
}
