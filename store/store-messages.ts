/** The plain sentences both store adapters raise, so that a helpdesk user reads the same words from either. */
import { StoreError } from './errors';

/** Human names of what each collection holds, for messages. */
export const recordNames: Record<string, string> = {
  plans: 'plan',
  customers: 'customer',
  access: 'access grant',
  serviceUsers: 'service user',
  discrepancies: 'discrepancy',
  audit: 'audit record',
  bindings: 'notification binding',
  jobs: 'job',
  leases: 'lease',
  syncState: 'sync state',
  operations: 'operation',
  creationIntents: 'intent to create a user',
  settings: 'setting',
  consentLinks: 'consent link',
  adminGrants: 'admin grant',
  requests: 'request',
  trackedOperations: 'tracked operation',
};

export function duplicateError(collection: string, key: string, value?: string): StoreError {
  const record = recordNames[collection] ?? collection;
  const shown = value ? ` (${value})` : '';
  return new StoreError(
    'duplicate',
    `A ${record} with the same ${key}${shown} already exists; use a different ${key} or change the existing ${record}.`,
    { collection, key, value },
  );
}

export function notFoundError(collection: string, id: string): StoreError {
  const record = recordNames[collection] ?? collection;
  return new StoreError('not-found', `There is no ${record} ${id}; check the name and try again.`, { collection, id });
}

export function conflictError(message: string, details: Record<string, unknown>): StoreError {
  return new StoreError('conflict', message, details);
}

/** A job may only be finished by the worker holding its lock. */
export function jobLockConflict(id: string, owner: string): StoreError {
  return conflictError(`Job ${id} is not locked by ${owner} any more; another worker has taken it or it has ended.`, {
    id,
    owner,
  });
}

export function discrepancyStateConflict(id: string, status: string, wanted: string): StoreError {
  return conflictError(`Discrepancy ${id} is ${status}, so it cannot be ${wanted}.`, { id, status, wanted });
}
