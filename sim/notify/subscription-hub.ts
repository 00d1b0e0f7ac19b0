import { randomUUID } from 'node:crypto';
import { badRequest, GraphFault } from '../state/graph-fault';
import type { SimTenant } from '../state/tenant-state';
import type { SimNotificationOptions, SimSubscriptionView } from '../types';
import { postJson, validateUrl } from './deliver';

/**
 * Change-notification subscriptions, as Graph keeps them: per tenant and app, `users` (or `users/{id}`) only, at
 * most ~29 days (41,760 minutes) ahead, a quota per tenant, and each notification URL proven by the validation
 * handshake before the subscription exists. A user change is posted to every live subscription of its tenant
 * after a delay, sometimes twice (Graph delivers at least once); lifecycle events go to the lifecycle URL.
 */

export type UserChange = 'created' | 'updated' | 'deleted';
export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface SimSubscription {
  id: string;
  tenantId: string;
  resource: string;
  changeTypes: UserChange[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expiresAt: number;
}

/** Graph's limit for directory resources (users, groups): 41,760 minutes. */
export const maxUserSubscriptionMs = 41_760 * 60_000;

export interface SubscriptionHubOptions extends SimNotificationOptions {
  now: () => number;
  onWarning?: (message: string) => void;
}

export class SubscriptionHub {
  private readonly subscriptions = new Map<string, SimSubscription>();
  private options: Required<SimNotificationOptions>;
  private random: () => number;
  /** Deliveries under way, so close() can wait for nothing and tests can settle. */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly base: SubscriptionHubOptions) {
    this.options = settle(base);
    this.random = seeded(this.options.seed);
  }

  configure(options: SimNotificationOptions): void {
    this.options = settle({ ...this.options, ...options });
    this.random = seeded(this.options.seed);
  }

  /** Runs Graph's handshake against the URLs of a subscription request; the refusal Graph would answer, if any. */
  async validate(body: unknown): Promise<GraphFault | undefined> {
    const request = body as { notificationUrl?: unknown; lifecycleNotificationUrl?: unknown } | undefined;
    for (const url of [request?.notificationUrl, request?.lifecycleNotificationUrl]) {
      if (typeof url !== 'string' || url === '') continue;
      const failure = await validateUrl(url, this.options.validationTimeoutMs);
      if (failure) {
        return badRequest(
          `Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request. (${failure})`,
        );
      }
    }
    return undefined;
  }

  create(tenant: SimTenant, fields: Omit<SimSubscription, 'id' | 'tenantId'>): SimSubscription {
    this.dropExpired();
    const ofTenant = [...this.subscriptions.values()].filter((s) => s.tenantId === tenant.id).length;
    if (ofTenant >= this.options.quotaPerTenant) {
      throw new GraphFault(
        403,
        'ExtensionError',
        'Operation: Create; Exception: [Status Code: Forbidden; Reason: Subscription quota exceeded.]',
      );
    }
    this.checkExpiry(fields.expiresAt);
    const subscription: SimSubscription = { ...fields, id: randomUUID(), tenantId: tenant.id };
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  get(tenant: SimTenant, id: string): SimSubscription {
    this.dropExpired();
    const subscription = this.subscriptions.get(id.toLowerCase());
    if (!subscription || subscription.tenantId !== tenant.id) {
      throw new GraphFault(404, 'ResourceNotFound', `The object was not found. Subscription ${id} does not exist.`);
    }
    return subscription;
  }

  list(tenantId: string): SimSubscription[] {
    this.dropExpired();
    return [...this.subscriptions.values()].filter((s) => s.tenantId === tenantId);
  }

  renew(tenant: SimTenant, id: string, expiresAt: number): SimSubscription {
    const subscription = this.get(tenant, id);
    this.checkExpiry(expiresAt);
    subscription.expiresAt = expiresAt;
    return subscription;
  }

  remove(tenant: SimTenant, id: string): void {
    this.subscriptions.delete(this.get(tenant, id).id);
  }

  /** A user changed in the tenant: every live subscription on users hears of it. */
  userChanged(tenant: SimTenant, userId: string, change: UserChange): void {
    this.dropExpired();
    for (const subscription of this.subscriptions.values()) {
      if (subscription.tenantId !== tenant.id || !subscription.changeTypes.includes(change)) continue;
      if (!coversUser(subscription.resource, userId)) continue;
      const copies = this.random() < this.options.duplicateShare ? 2 : 1;
      for (let copy = 0; copy < copies; copy++) {
        this.track(this.deliverLater(subscription.notificationUrl, changeNotification(subscription, userId, change)));
      }
    }
  }

  /** A lifecycle event for one subscription (the portal's stand-in for what Graph decides on its own). */
  lifecycle(tenantId: string, subscriptionId: string, event: LifecycleEvent): void {
    const subscription = this.subscriptions.get(subscriptionId.toLowerCase());
    if (!subscription || subscription.tenantId !== tenantId) throw new Error(`No subscription ${subscriptionId}.`);
    if (!subscription.lifecycleNotificationUrl) throw new Error(`Subscription ${subscriptionId} has no lifecycle URL.`);
    if (event === 'subscriptionRemoved') this.subscriptions.delete(subscription.id);
    this.track(this.deliverLater(subscription.lifecycleNotificationUrl, lifecycleNotification(subscription, event)));
  }

  view(subscription: SimSubscription): SimSubscriptionView {
    return {
      id: subscription.id,
      resource: subscription.resource,
      changeType: subscription.changeTypes.join(','),
      notificationUrl: subscription.notificationUrl,
      lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
      expirationDateTime: new Date(subscription.expiresAt).toISOString(),
    };
  }

  /** Resolves once every delivery started so far has been made (or given up). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private checkExpiry(expiresAt: number): void {
    const now = this.base.now();
    if (!Number.isFinite(expiresAt) || expiresAt <= now) {
      throw badRequest('Subscription expiration must be in the future.');
    }
    if (expiresAt - now > maxUserSubscriptionMs) {
      throw badRequest('Subscription expiration can only be 41760 minutes in the future.');
    }
  }

  private dropExpired(): void {
    const now = this.base.now();
    for (const [id, subscription] of this.subscriptions)
      if (subscription.expiresAt <= now) this.subscriptions.delete(id);
  }

  private track(delivery: Promise<void>): void {
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  private async deliverLater(url: string, body: unknown): Promise<void> {
    const { delayMs, retries } = this.options;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    for (let attempt = 0; attempt <= retries; attempt++) {
      const failure = await postJson(url, body, this.options.validationTimeoutMs);
      if (!failure) return;
      if (attempt === retries) this.base.onWarning?.(`A change notification to ${url} was not accepted: ${failure}`);
      else await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

function coversUser(resource: string, userId: string): boolean {
  const normalised = resource.replace(/^\//, '').toLowerCase();
  return normalised === 'users' || normalised === `users/${userId.toLowerCase()}`;
}

function changeNotification(subscription: SimSubscription, userId: string, change: UserChange): unknown {
  return {
    value: [
      {
        subscriptionId: subscription.id,
        subscriptionExpirationDateTime: new Date(subscription.expiresAt).toISOString(),
        changeType: change,
        resource: `Users/${userId}`,
        resourceData: {
          '@odata.type': '#Microsoft.Graph.User',
          '@odata.id': `Users/${userId}`,
          id: userId,
          organizationId: subscription.tenantId,
        },
        clientState: subscription.clientState,
        tenantId: subscription.tenantId,
      },
    ],
  };
}

function lifecycleNotification(subscription: SimSubscription, event: LifecycleEvent): unknown {
  return {
    value: [
      {
        subscriptionId: subscription.id,
        subscriptionExpirationDateTime: new Date(subscription.expiresAt).toISOString(),
        tenantId: subscription.tenantId,
        clientState: subscription.clientState,
        lifecycleEvent: event,
      },
    ],
  };
}

function settle(options: SimNotificationOptions): Required<SimNotificationOptions> {
  return {
    delayMs: options.delayMs ?? 0,
    duplicateShare: options.duplicateShare ?? 0,
    seed: options.seed ?? 1,
    quotaPerTenant: options.quotaPerTenant ?? 100,
    validationTimeoutMs: options.validationTimeoutMs ?? 10_000,
    retries: options.retries ?? 3,
  };
}

/** A small reproducible RNG (mulberry32), as the fault injector draws its 503s. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
