import { createHash } from 'node:crypto';
import type { SimMailboxSettings, SimMobileDevice, SimUser } from './tenant-state';

/**
 * What Exchange keeps on a mailbox besides its addresses: type (user or shared), size, forwarding, address-book
 * visibility, automatic replies, permissions and mobile devices. A mailbox without saved settings reads as a new
 * user mailbox.
 */

export function newMailboxSettings(): SimMailboxSettings {
  return {
    type: 'UserMailbox',
    sizeBytes: 0,
    itemCount: 0,
    forwardingSmtpAddress: null,
    deliverToMailboxAndForward: false,
    hiddenFromAddressListsEnabled: false,
    autoReplyState: 'Disabled',
    internalMessage: '',
    externalMessage: '',
    permissions: [],
    sendAs: [],
    mobileDevices: [],
  };
}

/** The user's mailbox settings, created with the defaults on first use. */
export function mailboxSettingsOf(user: SimUser): SimMailboxSettings {
  user.mailbox ??= newMailboxSettings();
  return user.mailbox;
}

/** A stable device for a seeded phone or tablet: ids derived from the user and the device name. */
export function seededDevice(user: SimUser, name: string): SimMobileDevice {
  const hex = createHash('sha256').update(`${user.id}/device/${name}`).digest('hex');
  const guid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  const apple = /iphone|ipad/i.test(name);
  return {
    guid,
    deviceId: hex.slice(0, 32).toUpperCase(),
    friendlyName: name,
    deviceModel: name,
    deviceOs: apple ? 'iOS 17.4 21E219' : 'Android 14',
  };
}

/** Exchange's TotalItemSize text: `1.5 GB (1,610,612,736 bytes)`. */
export function totalItemSizeText(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(value) : String(Math.round(value * 1000) / 1000);
  return `${shown} ${units[unit]} (${bytes.toLocaleString('en-US')} bytes)`;
}
