/**
 * A gate on one Microsoft call, for race tests: once armed, the first call of `method` (on any tenant) waits until
 * the test opens the gate; every call of it after arming is recorded with when it started and when it answered
 * (as steps of one counter, so "after" means after). The calls still go to the
 * simulator over HTTP; only their timing is held.
 */
import type { M365Gateway, TenantClient } from '../../m365/types';

export interface CallTiming {
  started: number;
  answered?: number;
}

export interface GatedGateway {
  wrap(gateway: M365Gateway): M365Gateway;
  /** From now on, hold the first call and record every call. */
  arm(): void;
  /** Resolves when the first call of the method is waiting at the gate. */
  entered: Promise<void>;
  open(): void;
  calls: CallTiming[];
}

export function gateFirstCall(method: keyof TenantClient): GatedGateway {
  let step = 0;
  const next = () => ++step;
  let enter!: () => void;
  let open!: () => void;
  const entered = new Promise<void>((resolve) => {
    enter = resolve;
  });
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const calls: CallTiming[] = [];
  let armed = false;

  function wrapTenant(tenant: TenantClient): TenantClient {
    return new Proxy(tenant, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== method || typeof value !== 'function' || !armed) return value;
        return async (...args: unknown[]) => {
          const timing: CallTiming = { started: next() };
          calls.push(timing);
          if (calls.length === 1) {
            enter();
            await opened;
          }
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            timing.answered = next();
          }
        };
      },
    });
  }

  return {
    entered,
    open: () => open(),
    arm: () => {
      armed = true;
    },
    calls,
    wrap(gateway) {
      return {
        ...gateway,
        verifyConsent: (tenantId) => gateway.verifyConsent(tenantId),
        adminConsentUrl: (options) => gateway.adminConsentUrl(options),
        forTenant: (tenantId) => wrapTenant(gateway.forTenant(tenantId)),
      };
    },
  };
}
