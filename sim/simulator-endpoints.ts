import type { RunningSimulator } from './types';

/** What a Microsoft 365 client needs to reach Microsoft (the `M365_*` settings of design.md §3). */
export interface SimulatorEndpoints {
  clientId: string;
  clientSecret: string;
  loginUrl: string;
  graphUrl: string;
  exchangeUrl: string;
}

/**
 * The app registration and base URLs of a running simulator, to point the gateway (or a child process) at it.
 * Its CA is not included: callers trust it their own way (`ca: sim.caPem`, or NODE_EXTRA_CA_CERTS).
 */
export function simulatorEndpoints(sim: RunningSimulator): SimulatorEndpoints {
  return {
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    loginUrl: sim.loginUrl,
    graphUrl: sim.graphUrl,
    exchangeUrl: sim.exchangeUrl,
  };
}
