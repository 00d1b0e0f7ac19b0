import type { SimApp, SimState, SimTenant, SimUser } from './tenant-state';
import { createUserIndex, indexActiveUser } from './user-index';

/**
 * The simulator's state as JSON, so that `npm start`'s built-in Microsoft 365 keeps its tenants, users, deleted
 * items, roles, licences, consent and port across restarts. What is derived (the user index) is rebuilt on load;
 * what belongs to one run (tokens, faults, request counts, redirect URIs) is not kept.
 */

export const savedStateVersion = 1;

type SavedTenant = Omit<SimTenant, 'users' | 'index' | 'deleted' | 'withheldPermissions' | 'activatedRoles'> & {
  users: SimUser[];
  deleted: SimUser[];
  withheldPermissions: string[];
  activatedRoles: [string, string][];
};

export interface SavedSimulator {
  version: typeof savedStateVersion;
  /** The port the simulator listened on, taken again at the next start when free. */
  port: number;
  app: Omit<SimApp, 'redirectUris'>;
  tenants: SavedTenant[];
}

export function saveState(state: SimState, port: number): SavedSimulator {
  const { redirectUris: _ignored, ...app } = state.app;
  return {
    version: savedStateVersion,
    port,
    app,
    tenants: [...state.tenants.values()].map((tenant) => {
      const {
        index: _index,
        onUserChange: _listener,
        users,
        deleted,
        withheldPermissions,
        activatedRoles,
        ...rest
      } = tenant;
      return {
        ...rest,
        users: [...users.values()],
        deleted: [...deleted.values()],
        withheldPermissions: [...withheldPermissions],
        activatedRoles: [...activatedRoles.entries()],
      };
    }),
  };
}

function restoreTenant(saved: SavedTenant): SimTenant {
  const { users, deleted, withheldPermissions, activatedRoles, ...rest } = saved;
  const tenant: SimTenant = {
    ...rest,
    groups: rest.groups ?? [], // states saved before groups existed
    users: new Map(users.map((user) => [user.id, user])),
    index: createUserIndex(),
    deleted: new Map(deleted.map((user) => [user.id, user])),
    withheldPermissions: new Set(withheldPermissions),
    activatedRoles: new Map(activatedRoles),
  };
  for (const user of tenant.users.values()) indexActiveUser(tenant.index, user);
  for (const user of [...tenant.users.values(), ...tenant.deleted.values()]) {
    if (user.mailboxDueAt !== null && !user.mailboxReady) tenant.index.pendingMailboxes.add(user);
    if (user.groupLicenses?.some((entry) => entry.dueAt !== null)) tenant.index.pendingGroupLicenses.add(user);
  }
  return tenant;
}

/** The state a saved simulator held; throws a plain Error naming what is wrong with it. */
export function restoreState(
  saved: unknown,
  options: { redirectUris: string[]; mailboxDelayMs: number; groupLicenseDelayMs?: number; now: () => number },
): SimState {
  const candidate = saved as Partial<SavedSimulator> | null;
  if (!candidate || candidate.version !== savedStateVersion || !candidate.app || !Array.isArray(candidate.tenants)) {
    throw new Error(`it is not a simulator state of version ${savedStateVersion}`);
  }
  return {
    app: { ...candidate.app, redirectUris: options.redirectUris },
    tenants: new Map(candidate.tenants.map((tenant) => [tenant.id, restoreTenant(tenant)])),
    mailboxDelayMs: options.mailboxDelayMs,
    groupLicenseDelayMs: options.groupLicenseDelayMs,
    now: options.now,
  };
}
