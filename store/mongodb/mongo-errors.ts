/** MongoDB driver errors turned into StoreErrors with plain sentences; anything else passes through. */
import { MongoBulkWriteError, MongoError, MongoServerError } from 'mongodb';
import { StoreError } from '../errors';
import { duplicateError } from '../store-messages';

/** What each unique index means, for duplicate-key messages. Index names are set in indexes.ts. */
const indexLabels: Record<string, string> = {
  _id_: 'id',
  id_unique: 'id',
  customer_objectId: 'customer and object id',
  customer_upn: 'customer and UPN',
  open_discrepancy: 'user and kind still open',
  active_job: 'unique key while pending or running',
  current_grant: 'user with a current admin grant',
};

const idLabels: Record<string, string> = {
  access: 'identity and role',
  bindings: 'customer',
  leases: 'name',
  syncState: 'customer',
  graphSubscriptions: 'customer',
  consentLinks: 'nonce',
  operations: 'key',
  settings: 'key',
};

/** MongoDB's code 11000; FerretDB 1.x reports a unique index clash on update as SQLite's constraint error instead. */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && isDuplicateWrite(error.code, error.message);
}

function isDuplicateWrite(code: unknown, message: string | undefined): boolean {
  return code === 11000 || /UNIQUE constraint failed/.test(message ?? '');
}

/**
 * Runs an unordered bulk write (bulkWrite, insertMany) and returns the indexes of its operations that failed on a
 * unique key, the races the callers expect and handle one by one; any other failure is thrown.
 */
export async function duplicatesOf(write: () => Promise<unknown>): Promise<Set<number>> {
  try {
    await write();
    return new Set();
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (writeErrors.length === 0) throw error;
    const duplicates = new Set<number>();
    for (const writeError of writeErrors) {
      if (!isDuplicateWrite(writeError.code, writeError.errmsg)) throw error;
      duplicates.add(writeError.index);
    }
    return duplicates;
  }
}

export function toStoreError(error: unknown, collection: string): unknown {
  if (error instanceof StoreError) return error;
  if (isDuplicateKey(error)) {
    const serverError = error as MongoServerError;
    const index = indexNameIn(serverError.message);
    const label = index === '_id_' ? (idLabels[collection] ?? 'id') : (indexLabels[index] ?? 'key');
    const keyValue = serverError.keyValue as Record<string, unknown> | undefined;
    const value = keyValue ? Object.values(keyValue).map(String).join(', ') : undefined;
    return duplicateError(collection, label, value);
  }
  if (isConnectionError(error)) {
    return new StoreError(
      'unavailable',
      'The MongoDB store cannot be reached; check that the database is running and MONGODB_URI is right.',
      { collection, message: (error as Error).message },
      { cause: error },
    );
  }
  return error;
}

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof MongoError)) return false;
  return (
    [
      'MongoNetworkError',
      'MongoNetworkTimeoutError',
      'MongoServerSelectionError',
      'MongoNotConnectedError',
      'MongoTopologyClosedError',
    ].includes(error.name) ||
    error.hasErrorLabel('ResetPool') ||
    error.hasErrorLabel('TransientTransactionError')
  );
}

/** Wraps every method of a repo so that driver errors leave it as StoreErrors. */
export function guardRepo<R extends object>(collection: string, repo: R): R {
  const guarded: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repo)) {
    guarded[name] =
      typeof method === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await method(...args);
            } catch (error) {
              throw toStoreError(error, collection);
            }
          }
        : method;
  }
  return guarded as R;
}

/** MongoDB says `index: customer_upn`; FerretDB says `index '<table>_<hash>_customer_upn'` or nothing. */
function indexNameIn(message: string): string {
  const named = /index: (\S+)/.exec(message)?.[1];
  if (named) return named;
  const sqlite = /index '([^']+)'/.exec(message)?.[1];
  return Object.keys(indexLabels).find((name) => sqlite?.endsWith(`_${name}`)) ?? '';
}
