import type { FaultInjector } from '../faults/fault-injector';
import type { SimResponse } from '../http/sim-http';
import type { SubscriptionHub } from '../notify/subscription-hub';
import type { GraphFault } from '../state/graph-fault';
import type { SimState, SimTenant } from '../state/tenant-state';

/** What a Graph route sees: the caller's tenant and permissions (from its token), and the request relative to /v1.0. */

export interface GraphContext {
  state: SimState;
  tenant: SimTenant;
  /** https://127.0.0.1:<port>/graph — links Graph hands out start with `<graphBase>/v1.0`. */
  graphBase: string;
  roles: ReadonlySet<string>;
  faults: FaultInjector;
  subscriptions?: SubscriptionHub;
  /** For POST /subscriptions: the validation handshake's outcome (run by the server before dispatch). */
  validation?: 'ok' | GraphFault;
}

export interface GraphRequest {
  method: string;
  /** Relative to the version, decoded: `/users/adele@contoso.com/assignLicense`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON body, undefined when empty. */
  body: unknown;
}

export type Permission =
  | 'read-users'
  | 'write-users'
  | 'read-organization'
  | 'read-domains'
  | 'read-roles'
  | 'write-roles'
  | 'read-groups'
  | 'write-group-members'
  | 'revoke-sessions';

export interface GraphRoute {
  method: string;
  /** Matched against the decoded path; groups are handed to `handle`. */
  pattern: RegExp;
  /** For request counts: `GET /users/{id}`. */
  name: string;
  permission: Permission;
  handle(context: GraphContext, request: GraphRequest, match: string[]): SimResponse;
}

export type GraphJson = Record<string, unknown>;

export function ok(body: unknown, status = 200): SimResponse {
  return { status, body };
}

export function noContent(): SimResponse {
  return { status: 204 };
}

export function contextUrl(context: GraphContext, fragment: string): string {
  return `${context.graphBase}/v1.0/$metadata#${fragment}`;
}
