/** The items of a Graph notification POST (`{"value":[…]}`), read defensively: anything unexpected is skipped. */

export interface NotificationItem {
  subscriptionId: string;
  clientState?: string;
  tenantId?: string;
  changeType?: string;
  /** The user the change is about (resourceData.id, else the last segment of `resource`). */
  userId?: string;
  lifecycleEvent?: string;
}

const maxItems = 1_000;

export function parseNotifications(body: unknown): NotificationItem[] {
  const value = (body as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) return [];
  const items: NotificationItem[] = [];
  for (const raw of value.slice(0, maxItems)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const entry = raw as Record<string, unknown>;
    const text = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string) : undefined);
    const subscriptionId = text('subscriptionId');
    if (!subscriptionId) continue;
    items.push({
      subscriptionId,
      clientState: text('clientState'),
      tenantId: text('tenantId') ?? text('organizationId'),
      changeType: text('changeType'),
      userId: userIdOf(entry),
      lifecycleEvent: text('lifecycleEvent'),
    });
  }
  return items;
}

const objectId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function userIdOf(entry: Record<string, unknown>): string | undefined {
  const data = entry.resourceData as { id?: unknown } | undefined;
  const fromData = typeof data?.id === 'string' ? data.id : undefined;
  const fromResource = typeof entry.resource === 'string' ? entry.resource.split('/').pop() : undefined;
  const id = fromData ?? fromResource;
  return id && objectId.test(id) ? id.toLowerCase() : undefined;
}
