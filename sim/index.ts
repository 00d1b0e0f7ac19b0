import { createTokenIssuer } from './authority/access-tokens';
import { controlPrefix } from './control/control-route';
import { createSimControl, RequestCounter } from './control/sim-control';
import { FaultInjector } from './faults/fault-injector';
import { startSimServer } from './http/sim-server';
import { listenToUserChanges, notificationControls } from './notify/notification-controls';
import { SubscriptionHub } from './notify/subscription-hub';
import { buildState } from './seed/build-state';
import { loadSeed } from './seed/load-seed';
import { restoreState } from './state/saved-state';
import { openStateFile, readStateFile, savedPortOf } from './state/state-file';
import type { SimState } from './state/tenant-state';
import { createCertificates } from './tls/create-certificates';
import type { RunningSimulator, SimControl, SimulatorOptions } from './types';

export type * from './types';

/**
 * Starts a local, multi-tenant Microsoft 365 over HTTPS on 127.0.0.1: sign-in authority and admin consent,
 * Graph v1.0, Exchange InvokeCommand, faults on demand and a control API. See sim/README.md.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const now = options.now ?? Date.now;
  const { state, savedPort } = initialState(options, now);
  const certificates = createCertificates();
  const faults = new FaultInjector(options.faults);
  const counter = new RequestCounter();
  let port = 0;
  const stateFile = options.stateFile
    ? openStateFile(options.stateFile, { state, port: () => port }, (error) =>
        options.onWarning?.(
          `The simulator could not save its state to ${options.stateFile}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
    : undefined;
  const onChange = stateFile ? () => stateFile.changed() : undefined;
  const subscriptions = new SubscriptionHub({ ...options.notifications, now, onWarning: options.onWarning });
  listenToUserChanges(state, subscriptions);
  const control = noticingChanges(
    createSimControl(state, faults, counter, notificationControls(state, subscriptions)),
    onChange,
  );
  let started: Awaited<ReturnType<typeof startSimServer>>;
  try {
    const parts = {
      state,
      tokens: createTokenIssuer(now),
      faults,
      control,
      counter,
      subscriptions,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
      onRequest: options.onRequest,
      onChange,
    };
    started = await listenOn(parts, certificates, options.port, savedPort, options.onWarning);
  } catch (error) {
    certificates.dispose();
    throw error;
  }
  const { server, origin } = started;
  port = Number(new URL(origin).port);
  stateFile?.changed();
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
      })
        .then(() => stateFile?.flush())
        .finally(() => certificates.dispose());
      return closing;
    },
  };
}

/** The saved state when a state file exists, else the seed's. */
function initialState(options: SimulatorOptions, now: () => number): { state: SimState; savedPort?: number } {
  const settings = {
    redirectUris: options.redirectUris ?? ['http://localhost:3978/consent/callback'],
    mailboxDelayMs: options.mailboxDelayMs ?? 60_000,
    groupLicenseDelayMs: options.groupLicenseDelayMs,
    now,
  };
  const saved = options.stateFile ? readStateFile(options.stateFile) : undefined;
  if (saved === undefined) return { state: buildState(loadSeed(options.seed), settings) };
  try {
    return { state: restoreState(saved, settings), savedPort: savedPortOf(saved) };
  } catch (error) {
    throw new Error(
      `The simulator's saved state ${options.stateFile} cannot be used (${error instanceof Error ? error.message : String(error)}); move it away to start again from the seed.`,
    );
  }
}

/** The port asked for, else the saved one (any free port when another process took it), else any free port. */
async function listenOn(
  parts: Parameters<typeof startSimServer>[0],
  certificates: Parameters<typeof startSimServer>[1],
  port: number | undefined,
  savedPort: number | undefined,
  onWarning: ((message: string) => void) | undefined,
): ReturnType<typeof startSimServer> {
  if (port !== undefined || savedPort === undefined) return startSimServer(parts, certificates, port ?? 0);
  try {
    return await startSimServer(parts, certificates, savedPort);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    onWarning?.(`The simulator's port ${savedPort} is taken by another process; it listens on another port.`);
    return startSimServer(parts, certificates, 0);
  }
}

/** The control API, telling `onChange` after every call (reads included: cheap, as writes are debounced). */
function noticingChanges(control: SimControl, onChange: (() => void) | undefined): SimControl {
  if (!onChange) return control;
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(control)) {
    wrapped[name] = (...args: unknown[]) => {
      try {
        return (method as (...values: unknown[]) => unknown)(...args);
      } finally {
        onChange();
      }
    };
  }
  return wrapped as unknown as SimControl;
}
