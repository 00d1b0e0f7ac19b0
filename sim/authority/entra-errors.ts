import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../http/sim-http';

/** Entra's OAuth error answer: `error`, an AADSTS description with trace/correlation ids, and `error_codes`. */

function entraTimestamp(now: number): string {
  return `${new Date(now).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export function entraError(
  status: number,
  error: string,
  aadsts: number,
  message: string,
  now: number,
  correlationId: string = randomUUID(),
): SimResponse {
  const traceId = randomUUID();
  const timestamp = entraTimestamp(now);
  return {
    status,
    headers: { 'Cache-Control': 'no-store, no-cache', 'x-ms-request-id': traceId },
    body: {
      error,
      error_description: `AADSTS${aadsts}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
    },
  };
}

export function tenantNotFoundMessage(tenant: string): string {
  return `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`;
}

export function unknownAppMessage(clientId: string, directory: string): string {
  return `Application with identifier '${clientId}' was not found in the directory '${directory}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`;
}
