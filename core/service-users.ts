/** Writing the service user record: one per tenant object id, whatever happened to it before. */
import { StoreError } from '../store/errors';
import type { ServiceUser } from '../store/types';
import type { Runtime } from './runtime';

/**
 * Runs `work` alone for one service user within this process, so two changes of the same user's licences or
 * sign-in (a chat command, a sync Revoke) never interleave their read-then-write steps.
 */
export function lockServiceUser<T>(
  runtime: Runtime,
  customerId: string,
  objectId: string,
  work: () => Promise<T>,
): Promise<T> {
  return runtime.lock(`user:${customerId}:${objectId}`, work);
}

export type ServiceUserFields = Omit<ServiceUser, 'createdAt' | 'updatedAt'>;

/** Creates or updates the record of a tenant user; a stale record holding the same UPN for another object goes. */
export async function saveServiceUser(runtime: Runtime, fields: ServiceUserFields): Promise<ServiceUser> {
  const { customerId, objectId } = fields;
  const changes: Partial<ServiceUserFields> = { ...fields };
  delete changes.customerId;
  delete changes.objectId;
  delete changes.createdBy; // the first creator stays
  const existing = await runtime.store.serviceUsers.get(customerId, objectId);
  const stale = await runtime.store.serviceUsers.findByUpn(customerId, fields.upn);
  if (stale && stale.objectId !== objectId) {
    // The tenant now has another object under this UPN (the old one was deleted and the name reused).
    runtime.logger.warn(
      { customerId, upn: fields.upn, staleObjectId: stale.objectId, objectId },
      'replacing a stale service user record',
    );
    await runtime.store.serviceUsers.delete(customerId, stale.objectId);
  }
  if (existing) return runtime.store.serviceUsers.update(customerId, objectId, changes);
  try {
    return await runtime.store.serviceUsers.create(fields);
  } catch (error) {
    // Written meanwhile by a concurrent request for the same user: update that one instead.
    if (error instanceof StoreError && error.code === 'duplicate') {
      return runtime.store.serviceUsers.update(customerId, objectId, changes);
    }
    throw error;
  }
}
