import { createTokenIssuer } from './authority/access-tokens';
import { controlPrefix } from './control/control-route';
import { createSimControl, RequestCounter } from './control/sim-control';
import { FaultInjector } from './faults/fault-injector';
import { startSimServer } from './http/sim-server';
import { buildState } from './seed/build-state';
import { loadSeed } from './seed/load-seed';
import { createCertificates } from './tls/create-certificates';
import type { RunningSimulator, SimulatorOptions } from './types';

export type * from './types';

/**
 * Starts a local, multi-tenant Microsoft 365 over HTTPS on 127.0.0.1: sign-in authority and admin consent,
 * Graph v1.0, Exchange InvokeCommand, faults on demand and a control API. See sim/README.md.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const now = options.now ?? Date.now;
  const state = buildState(loadSeed(options.seed), {
    redirectUris: options.redirectUris ?? ['http://localhost:3978/consent/callback'],
    mailboxDelayMs: options.mailboxDelayMs ?? 60_000,
    now,
  });
  const certificates = createCertificates();
  const faults = new FaultInjector(options.faults);
  const counter = new RequestCounter();
  const control = createSimControl(state, faults, counter);
  let started: Awaited<ReturnType<typeof startSimServer>>;
  try {
    started = await startSimServer(
      {
        state,
        tokens: createTokenIssuer(now),
        faults,
        control,
        counter,
        tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
        onRequest: options.onRequest,
      },
      certificates,
      options.port ?? 0,
    );
  } catch (error) {
    certificates.dispose();
    throw error;
  }
  const { server, origin } = started;
  let closing: Promise<void> | undefined;
  return {
    loginUrl: origin,
    graphUrl: `${origin}/graph`,
    exchangeUrl: `${origin}/exchange`,
    caPath: certificates.caPath,
    caPem: certificates.caPem,
    clientId: state.app.clientId,
    clientSecret: state.app.clientSecret,
    tenants: [...state.tenants.values()].map((tenant) => ({
      id: tenant.id,
      domains: tenant.domains.map((domain) => domain.name),
    })),
    control,
    controlUrl: `${origin}${controlPrefix.replace(/\/$/, '')}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).finally(() => certificates.dispose());
      return closing;
    },
  };
}
