import type { SimResponse } from '../http/sim-http';
import { mailboxSettingsOf } from '../state/mailbox-settings';
import type { SimMobileDevice, SimTenant, SimUser } from '../state/tenant-state';
import { findMailbox, notFoundAnswer } from './exchange-answers';

/** Get-MobileDevice (-Mailbox, or every device of the tenant) and Remove-MobileDevice (by Guid or Identity). */

function deviceIdentity(user: SimUser, device: SimMobileDevice): string {
  return `${user.mailNickname}\\ExchangeActiveSyncDevices\\${device.deviceModel.replace(/\s+/g, '')}§${device.deviceId}`;
}

function deviceJson(user: SimUser, device: SimMobileDevice) {
  return {
    Identity: deviceIdentity(user, device),
    Guid: device.guid,
    DeviceId: device.deviceId,
    DeviceModel: device.deviceModel,
    FriendlyName: device.friendlyName,
    DeviceOS: device.deviceOs,
    UserDisplayName: user.displayName,
    DeviceAccessState: 'Allowed',
  };
}

function mailboxesWithDevices(tenant: SimTenant): SimUser[] {
  return [...tenant.users.values()].filter(
    (user) => user.mailboxReady && (user.mailbox?.mobileDevices.length ?? 0) > 0,
  );
}

export function runDeviceCmdlet(
  tenant: SimTenant,
  name: string,
  parameters: Record<string, unknown>,
  context: string,
): SimResponse | undefined {
  const answer = (value: unknown[]): SimResponse => ({ status: 200, body: { '@odata.context': context, value } });
  if (name === 'Get-MobileDevice') {
    const owner = typeof parameters.Mailbox === 'string' ? parameters.Mailbox : undefined;
    if (owner === undefined) {
      return answer(
        mailboxesWithDevices(tenant).flatMap((user) =>
          mailboxSettingsOf(user).mobileDevices.map((d) => deviceJson(user, d)),
        ),
      );
    }
    const user = findMailbox(tenant, owner);
    if (!user) return notFoundAnswer(tenant, owner);
    return answer(mailboxSettingsOf(user).mobileDevices.map((device) => deviceJson(user, device)));
  }
  if (name === 'Remove-MobileDevice') {
    const identity = String(parameters.Identity ?? '');
    for (const user of mailboxesWithDevices(tenant)) {
      const settings = mailboxSettingsOf(user);
      const device = settings.mobileDevices.find(
        (candidate) =>
          candidate.guid === identity.toLowerCase() ||
          deviceIdentity(user, candidate).toLowerCase() === identity.toLowerCase(),
      );
      if (!device) continue;
      settings.mobileDevices = settings.mobileDevices.filter((candidate) => candidate !== device);
      return answer([]);
    }
    return notFoundAnswer(tenant, identity);
  }
  return undefined;
}
