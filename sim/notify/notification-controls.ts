import type { SimState } from '../state/tenant-state';
import type { SimControl } from '../types';
import type { SubscriptionHub } from './subscription-hub';

export type NotificationControls = Pick<
  SimControl,
  'listSubscriptions' | 'sendLifecycleEvent' | 'setNotificationOptions'
>;

/** The portal's view of change-notification subscriptions, and the lifecycle events Graph would send on its own. */
export function notificationControls(state: SimState, hub: SubscriptionHub): NotificationControls {
  const tenantIdOf = (tenantId: string) => {
    const tenant = state.tenants.get(tenantId.toLowerCase());
    if (!tenant) throw new Error(`The simulator has no tenant ${tenantId}.`);
    return tenant.id;
  };
  return {
    listSubscriptions: (tenantId) => hub.list(tenantIdOf(tenantId)).map((subscription) => hub.view(subscription)),
    sendLifecycleEvent: (tenantId, subscriptionId, event) => hub.lifecycle(tenantIdOf(tenantId), subscriptionId, event),
    setNotificationOptions: (options) => hub.configure(options),
  };
}

/** Every tenant's user changes go to the hub. */
export function listenToUserChanges(state: SimState, hub: SubscriptionHub): void {
  for (const tenant of state.tenants.values()) {
    tenant.onUserChange = (userId, change) => hub.userChanged(tenant, userId, change);
  }
}
