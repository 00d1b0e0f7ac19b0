/** MongoDB repo of Graph change-notification subscriptions: one document per customer (`_id` = customer id). */

import type { GraphSubscription, GraphSubscriptionRepo } from '../graph-subscription';
import type { MongoContext } from './config-repos';
import { toRecordOrNull, toRecords } from './documents';

export function createGraphSubscriptionRepo(context: MongoContext): GraphSubscriptionRepo {
  const subscriptions = context.db.collection('graphSubscriptions');
  const byCustomer = (customerId: string) => ({ _id: customerId as never });
  return {
    async put(subscription) {
      const { customerId } = subscription;
      await subscriptions.replaceOne(byCustomer(customerId), { ...subscription }, { upsert: true });
      return { ...subscription };
    },
    async get(customerId) {
      return toRecordOrNull<GraphSubscription>(await subscriptions.findOne(byCustomer(customerId)));
    },
    async findBySubscriptionId(subscriptionId) {
      return toRecordOrNull<GraphSubscription>(await subscriptions.findOne({ subscriptionId }));
    },
    async list() {
      return toRecords<GraphSubscription>(await subscriptions.find().sort({ _id: 1 }).toArray());
    },
    async listExpiringBefore(at) {
      const due = await subscriptions
        .find({ expiresAt: { $lt: at } })
        .sort({ expiresAt: 1 })
        .toArray();
      return toRecords<GraphSubscription>(due);
    },
    async remove(customerId, subscriptionId) {
      const removed = await subscriptions.deleteOne({ ...byCustomer(customerId), subscriptionId });
      return removed.deletedCount === 1;
    },
  };
}
