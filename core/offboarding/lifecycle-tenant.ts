/**
 * The Microsoft calls offboarding makes beyond today's TenantClient: groups, sessions, Exchange mailbox type,
 * forwarding, permissions, automatic replies, address-book visibility and mobile devices. Their names and shapes are
 * the TenantClient methods the simulator branch adds (m365/types.ts, "Lifecycle client:"); until a TenantClient has
 * them, a step that needs one fails with a sentence saying so, and the record shows it.
 */
import type { TenantClient } from '../../m365/types';

export interface OffboardMailbox {
  type: 'user' | 'shared';
  sizeBytes: number;
  forwardingTo: string | null;
  keepCopy: boolean;
  hiddenFromAddressLists: boolean;
  autoReplyEnabled: boolean;
}

export interface LifecycleTenant {
  listUserGroupIds(userId: string): Promise<string[]>;
  removeGroupMember(groupId: string, userId: string): Promise<void>;
  revokeSignInSessions(userId: string): Promise<void>;
  getMailboxDetails(upn: string): Promise<OffboardMailbox | null>;
  convertMailboxToShared(upn: string): Promise<void>;
  setMailboxForwarding(upn: string, forwardTo: string | null, keepCopy: boolean): Promise<void>;
  grantMailboxAccess(mailbox: string, userUpn: string, access: 'FullAccess' | 'SendAs'): Promise<void>;
  setAutoReply(upn: string, message: string | null): Promise<void>;
  setHiddenFromAddressLists(upn: string, hidden: boolean): Promise<void>;
  listMobileDevices(upn: string): Promise<{ id: string; name: string }[]>;
  removeMobileDevice(id: string): Promise<void>;
}

export class LifecycleUnavailable extends Error {}

/** The method `name` of the tenant client, bound; throws LifecycleUnavailable when this client has none. */
export function lifecycleCall<K extends keyof LifecycleTenant>(tenant: TenantClient, name: K): LifecycleTenant[K] {
  const method = (tenant as unknown as Partial<LifecycleTenant>)[name];
  if (typeof method !== 'function') {
    throw new LifecycleUnavailable(
      `This m365ops build cannot call ${name} on the tenant yet, so the step was not done.`,
    );
  }
  return (method as (...args: unknown[]) => unknown).bind(tenant) as LifecycleTenant[K];
}
