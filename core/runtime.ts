/** What every use case receives: the injected dependencies plus the per-process caches the handlers share. */

import type { KeyedLock } from '../common/keyed-lock';
import type { Customer } from '../store/types';
import type { Request } from './request';
import type { HandlerDeps } from './runtime-deps';
import type { TenantDomainCache } from './tenant-domains';

export interface Runtime extends HandlerDeps {
  domains: TenantDomainCache;
  lock: KeyedLock;
}

/**
 * One request on its way through a handler: what it has learnt so far (the customer, the user it is about), so
 * that a refusal or failure can be audited with them at the edge.
 */
export interface Invocation {
  rt: Runtime;
  request: Request;
  customer?: Customer;
  target?: string;
}
