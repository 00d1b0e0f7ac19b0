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
