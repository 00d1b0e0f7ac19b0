/** A Graph change-notification subscription m365ops holds on a customer tenant's users (one per customer). */
export interface GraphSubscription {
  customerId: string;
  tenantId: string;
  /** Graph's id of the subscription. */
  subscriptionId: string;
  resource: string;
  /** SHA-256 (hex) of the subscription's clientState secret: the secret itself is never stored. */
  clientStateHash: string;
  expiresAt: Date;
  createdAt: Date;
  renewedAt?: Date;
}

export interface GraphSubscriptionRepo {
  /** Inserts or replaces the customer's subscription (one per customer). */
  put(subscription: GraphSubscription): Promise<GraphSubscription>;
  get(customerId: string): Promise<GraphSubscription | null>;
  findBySubscriptionId(subscriptionId: string): Promise<GraphSubscription | null>;
  /** Every stored subscription, by customer id. */
  list(): Promise<GraphSubscription[]>;
  /** Those expiring before `at`, soonest first. */
  listExpiringBefore(at: Date): Promise<GraphSubscription[]>;
  /** Removes the customer's subscription only while it is still `subscriptionId`; false otherwise. */
  remove(customerId: string, subscriptionId: string): Promise<boolean>;
}
