/** Embedded repo of Graph change-notification subscriptions: one per customer, few enough to scan. */

import type { GraphSubscription, GraphSubscriptionRepo } from '../graph-subscription';
import { compareText } from './config-repos';
import { copyOf } from './copy';
import type { EmbeddedContext } from './definitions';

export function createGraphSubscriptionRepo({ collections }: EmbeddedContext): GraphSubscriptionRepo {
  const subscriptions = collections.graphSubscriptions;
  return {
    async put(subscription) {
      const record: GraphSubscription = copyOf(subscription);
      await subscriptions.put(record);
      return copyOf(record);
    },
    async get(customerId) {
      return copyOf(subscriptions.get(customerId) ?? null);
    },
    async findBySubscriptionId(subscriptionId) {
      return copyOf(subscriptions.find((s) => s.subscriptionId === subscriptionId) ?? null);
    },
    async list() {
      return copyOf(subscriptions.filter(() => true).sort((a, b) => compareText(a.customerId, b.customerId)));
    },
    async listExpiringBefore(at) {
      const due = subscriptions.filter((s) => s.expiresAt.getTime() < at.getTime());
      return copyOf(due.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime()));
    },
    async remove(customerId, subscriptionId) {
      if (subscriptions.get(customerId)?.subscriptionId !== subscriptionId) return false;
      await subscriptions.remove(customerId);
      return true;
    },
  };
}
