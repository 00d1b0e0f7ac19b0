/**
 * Graph change-notification subscriptions of one tenant: create (Graph validates the notification URLs with a
 * handshake before it answers), renew (PATCH expirationDateTime), reauthorize, delete.
 */
import { M365Error } from './errors';
import type { TenantGraph } from './tenant-graph';
import type { NewTenantSubscription, TenantSubscription } from './types';

interface GraphSubscription {
  id: string;
  resource: string;
  expirationDateTime: string;
}

export async function createSubscription(
  graph: TenantGraph,
  request: NewTenantSubscription,
): Promise<TenantSubscription> {
  const created = await graph.post<GraphSubscription>(
    '/subscriptions',
    {
      changeType: request.changeTypes.join(','),
      notificationUrl: request.notificationUrl,
      lifecycleNotificationUrl: request.lifecycleNotificationUrl,
      resource: request.resource,
      expirationDateTime: request.expiresAt.toISOString(),
      clientState: request.clientState,
    },
    { subject: request.resource },
  );
  if (!created?.id) {
    throw new M365Error('unexpected', `Tenant ${graph.tenantId} answered a new subscription without its id.`, {});
  }
  return { id: created.id, resource: created.resource, expiresAt: new Date(created.expirationDateTime) };
}

export function renewSubscription(graph: TenantGraph, id: string, expiresAt: Date): Promise<void> {
  return graph.patch(
    `/subscriptions/${encodeURIComponent(id)}`,
    { expirationDateTime: expiresAt.toISOString() },
    { subject: `subscription ${id}` },
  );
}

export async function reauthorizeSubscription(graph: TenantGraph, id: string): Promise<void> {
  await graph.post<unknown>(`/subscriptions/${encodeURIComponent(id)}/reauthorize`, undefined, {
    subject: `subscription ${id}`,
  });
}

export function deleteSubscription(graph: TenantGraph, id: string): Promise<void> {
  return graph.delete(`/subscriptions/${encodeURIComponent(id)}`, { subject: `subscription ${id}` });
}
