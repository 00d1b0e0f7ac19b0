import type { InjectedFault } from '../faults/fault-injector';
import { graphErrorBody, type RequestIds, type SimResponse } from '../http/sim-http';
import type { GraphFault } from '../state/graph-fault';

/** Graph's error answers: a fault in the standard envelope, and injected throttling / outage answers. */

export function faultAnswer(fault: GraphFault, ids: RequestIds, now: number): SimResponse {
  return {
    status: fault.status,
    headers: { ...fault.headers },
    body: graphErrorBody(fault.code, fault.message, ids, now, fault.details),
  };
}

export function injectedAnswer(
  fault: InjectedFault,
  ids: RequestIds,
  now: number,
  scope: { appId: string; tenantId: string },
): SimResponse {
  const date = new Date(now).toISOString().slice(0, 19);
  if (fault.kind === 'throttled') {
    const headers = {
      'Retry-After': String(fault.retryAfterSeconds),
      'x-ms-throttle-scope': `Tenant_Application/ReadWrite/${scope.appId}/${scope.tenantId}`,
      'x-ms-throttle-information': 'ResourceUnitLimitExceeded',
      'x-ms-throttle-limit-percentage': '1.2',
    };
    if (fault.code === 'Request_ThrottledTemporarily') {
      return {
        status: 429,
        headers,
        body: graphErrorBody(
          'Request_ThrottledTemporarily',
          `Your request is throttled temporarily. Please try after ${Math.ceil(fault.retryAfterSeconds)} seconds.`,
          ids,
          now,
        ),
      };
    }
    return {
      status: 429,
      headers,
      body: {
        error: {
          code: 'TooManyRequests',
          message: 'Please retry again later.',
          innerError: {
            code: '429',
            date,
            message: 'Please retry after',
            'request-id': ids.requestId,
            'client-request-id': ids.clientRequestId,
            status: '429',
          },
        },
      },
    };
  }
  if (fault.kind === 'unavailable') {
    return {
      status: 503,
      headers: { 'Retry-After': '0.05' },
      body: graphErrorBody(
        'serviceNotAvailable',
        'The service is temporarily unavailable. Please retry later.',
        ids,
        now,
      ),
    };
  }
  return {
    status: 500,
    body: graphErrorBody(
      'generalException',
      'An internal server error occurred while processing the request.',
      ids,
      now,
    ),
  };
}
