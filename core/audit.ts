/** The audit log: every change to a tenant or to the configuration, and every refusal of one (who, where, what, result). */
import type { AuditRecord } from '../store/types';
import type { RequestContext } from './request';
import type { Invocation } from './runtime';

const origins: Record<RequestContext['origin'], string> = {
  teams: 'Teams',
  slack: 'Slack',
  cli: 'CLI',
  web: 'web chat',
  sync: 'sync',
};

/** "Teams channel General", "Slack #helpdesk", "Teams chat", "CLI". */
export function describeWhere(context: RequestContext): string {
  const origin = origins[context.origin];
  if (context.origin === 'cli' || context.origin === 'sync') return origin;
  if (context.isPersonal) return `${origin} private chat`;
  return context.channelName ? `${origin} channel ${context.channelName}` : `${origin} channel`;
}

export interface AuditEntry {
  action: string;
  result: AuditRecord['result'];
  target?: string;
  error?: string;
  /** Never a password or secret. */
  details?: Record<string, unknown>;
}

export async function recordAudit(invocation: Invocation, entry: AuditEntry): Promise<AuditRecord> {
  const { runtime, request, customer } = invocation;
  return runtime.store.audit.append({
    actor: request.context.identity,
    where: describeWhere(request.context),
    customerId: customer?.id,
    tenantId: customer?.tenantId,
    action: entry.action,
    target: entry.target ?? invocation.target,
    result: entry.result,
    error: entry.error,
    details: request.onBehalfOf ? { ...entry.details, onBehalfOf: { ...request.onBehalfOf } } : entry.details,
  });
}
