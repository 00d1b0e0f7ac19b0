/**
 * The tenant side of add user: whose a user found in the tenant is, the create, and the changes to a user that was
 * there already. Before Microsoft is asked to create the user, an intent (customer, UPN, operation) is recorded in
 * the store; add user clears it once m365ops has recorded the user. A run that died in between, or whose answer
 * from Microsoft was lost, leaves it behind, so the next run, under the same request or a new one, knows the user
 * it finds is its own: it sets a new temporary password, shows it once and audits the user as created, instead of
 * "linking" a user it made itself. A linked user keeps its sign-in and roles as found.
 */

import { holdsAdminRole } from '../core/admin-role';
import { HandlerError } from '../core/handler-error';
import { missingLicences } from '../core/licences';
import type { Secret } from '../core/reply';
import type { Invocation } from '../core/runtime';
import { createTemporaryPassword } from '../core/temporary-password';
import { M365Error, type M365ErrorCode } from '../m365/errors';
import type {
  AssignedLicence,
  CreateLicensedUser,
  NewTenantUser,
  TenantClient,
  TenantUser,
  TenantUserPatch,
} from '../m365/types';
import type { CreationIntent, Customer, ServiceUser } from '../store/types';
import { blockedNote, type FoundUser } from './add-user-reply';

/** Made by m365ops (now or by an earlier run of it), m365ops's record of a user, or found in the tenant. */
export type UserOrigin = 'created' | 'recorded' | 'linked';

export type RecordStep = (step: string, output: unknown) => Promise<void>;

export interface UserTarget {
  customer: Customer;
  /** The UPN the user gets now. */
  upn: string;
  /** The domain asked for, named when the user moves to it. */
  wantedDomain: string;
  /** The operation's key: the intent names it. */
  key: string;
}

/** What was known before anything was done. */
export interface KnownUser {
  existing: TenantUser | null;
  record: ServiceUser | null;
  /** The object id an earlier run of this operation created. */
  createdEarlier?: string;
  intent: CreationIntent | null;
  /** The operation finished before: its password was shown then. */
  done: boolean;
}

export interface WantedUser {
  licences: AssignedLicence[];
  usageLocation: string;
  newUser(password: string): NewTenantUser;
}

export interface ProvidedUser {
  user: TenantUser;
  origin: UserOrigin;
  secret?: Secret;
  /** A linked user as it was found, before anything changed. */
  found?: FoundUser;
  notes: string[];
}

/** Failures after which Microsoft may have created the user anyway: the intent stays for the next run. */
const outcomeUnknown: ReadonlySet<M365ErrorCode> = new Set(['throttled', 'unavailable', 'unexpected']);

/** The user created, or the one found made ready: licensed, located, never unblocked, its roles untouched. */
export async function provideTenantUser(
  invocation: Invocation,
  tenant: TenantClient,
  target: UserTarget,
  known: KnownUser,
  wanted: WantedUser,
  recordStep: RecordStep,
): Promise<ProvidedUser> {
  if (!known.existing) {
    const password = createTemporaryPassword();
    const request = { user: wanted.newUser(password), licences: wanted.licences };
    const created = await createTenantUser(invocation, tenant, target, request, recordStep);
    if (created.createdNow) {
      return { user: created.user, origin: 'created', secret: secretFor(target.upn, password), notes: [] };
    }
    return updateExistingUser(tenant, target, created.user, 'linked', { ...wanted, resetPassword: false }, recordStep);
  }
  const origin = originOf(known.existing, known, target.upn);
  const resetPassword = origin === 'created' && !known.done;
  return updateExistingUser(tenant, target, known.existing, origin, { ...wanted, resetPassword }, recordStep);
}

function originOf(user: TenantUser, known: KnownUser, upn: string): UserOrigin {
  if (user.id === known.createdEarlier) return 'created';
  // An intent is recorded only while the UPN is free, and cleared when a create failed for sure: the user is ours.
  if (known.intent && user.userPrincipalName.toLowerCase() === upn) return 'created';
  return known.record ? 'recorded' : 'linked';
}

/**
 * Creates and licenses the user, the intent recorded first. Answers the user and whether this call created it:
 * when the UPN was taken meanwhile by someone else, the user found is theirs (linked, not created).
 */
async function createTenantUser(
  invocation: Invocation,
  tenant: TenantClient,
  target: UserTarget,
  request: CreateLicensedUser,
  recordStep: RecordStep,
): Promise<{ user: TenantUser; createdNow: boolean }> {
  const intents = invocation.runtime.store.creationIntents;
  const { customer, upn, key } = target;
  await intents.record({
    customerId: customer.id,
    upn,
    operationKey: key,
    requestedBy: invocation.request.context.identity,
  });
  try {
    const user = await tenant.createLicensedUser(request);
    await recordStep('created', { objectId: user.id, upn, licensed: true });
    return { user, createdNow: true };
  } catch (error) {
    const userId = error instanceof M365Error ? error.details.userId : undefined;
    if (typeof userId === 'string') {
      // Created, but the licence step failed: remember the user so a re-run licenses it (and resets the password).
      await recordStep('created', { objectId: userId, upn, licensed: false });
      throw new HandlerError(
        { resumableAfter: error },
        `${(error as Error).message} Run the same command again to finish; it continues where this stopped.`,
        { cause: error, details: { userId } },
      );
    }
    if (error instanceof M365Error && error.code === 'duplicate-upn') {
      // Someone else created it after m365ops looked: it is theirs, so it is linked as found.
      await intents.clear(customer.id, upn);
      const user = await tenant.findUserByUpn(upn);
      if (!user) throw error;
      return { user, createdNow: false };
    }
    if (error instanceof M365Error && !outcomeUnknown.has(error.code)) await intents.clear(customer.id, upn);
    throw error;
  }
}

/**
 * A user that was there before this call: its usage location and UPN as asked, the plan's missing licences, and a
 * new temporary password when m365ops created it but never showed the first one. Never its sign-in or roles.
 */
async function updateExistingUser(
  tenant: TenantClient,
  target: UserTarget,
  user: TenantUser,
  origin: UserOrigin,
  wanted: Omit<WantedUser, 'newUser'> & { resetPassword: boolean },
  recordStep: RecordStep,
): Promise<ProvidedUser> {
  const { upn } = target;
  const found =
    origin === 'linked'
      ? { enabled: user.accountEnabled !== false, admin: await holdsAdminRole(tenant, target.customer, user.id) }
      : undefined;
  const notes: string[] = [];
  let secret: Secret | undefined;
  const patch: TenantUserPatch = {};
  if (user.usageLocation !== wanted.usageLocation) patch.usageLocation = wanted.usageLocation;
  if (user.userPrincipalName.toLowerCase() !== upn) {
    patch.userPrincipalName = upn;
    notes.push(`Moved ${user.userPrincipalName} to ${upn}, now that ${target.wantedDomain} is verified.`);
  }
  if (wanted.resetPassword) {
    const password = createTemporaryPassword();
    patch.passwordProfile = { password, forceChangePasswordNextSignIn: true };
    secret = secretFor(upn, password);
  }
  if (Object.keys(patch).length > 0) {
    await tenant.updateUser(user.id, patch);
    await recordStep('updated', { fields: Object.keys(patch).filter((field) => field !== 'passwordProfile') });
  }
  let updated = user;
  const missing = missingLicences(user.assignedLicenses, wanted.licences);
  if (missing.length > 0) {
    updated = await tenant.assignLicenses(user.id, missing, []);
    await recordStep('licensed', { skuIds: missing.map((licence) => licence.skuId) });
  }
  if (user.accountEnabled === false && origin !== 'linked') notes.push(blockedNote(upn));
  return { user: updated, origin, secret, found, notes };
}

function secretFor(upn: string, password: string): Secret {
  return { label: `Temporary password for ${upn}`, value: password };
}
