/**
 * Collections and indexes, created at open. Only what MongoDB, FerretDB 1.24 and Cosmos DB for MongoDB all
 * support: plain and compound unique indexes, no partial or sparse ones. "At most one unclosed discrepancy per user
 * and kind" and "one active job per uniqueKey" are therefore unique indexes over a derived field (openKey,
 * activeKey) that holds the shared value while the record is unclosed/active and the record's own id afterwards.
 */
import type { Db, IndexDescription } from 'mongodb';

export const collectionNames = [
  'plans',
  'customers',
  'access',
  'serviceUsers',
  'discrepancies',
  'audit',
  'bindings',
  'jobs',
  'leases',
  'syncState',
  'operations',
  'creationIntents',
  'settings',
  'consentLinks',
  'adminGrants',
  'requests',
  'revisions',
  'graphSubscriptions',
  'trackedOperations',
  'licenceHistory',
] as const;

const indexes: Partial<Record<(typeof collectionNames)[number], IndexDescription[]>> = {
  customers: [{ key: { tenantId: 1 }, name: 'tenantId' }],
  access: [{ key: { identity: 1 }, name: 'identity' }],
  serviceUsers: [
    { key: { customerId: 1, objectId: 1 }, name: 'customer_objectId', unique: true },
    { key: { customerId: 1, upnKey: 1 }, name: 'customer_upn', unique: true },
    { key: { customerId: 1, planId: 1, status: 1 }, name: 'customer_plan_status' },
  ],
  discrepancies: [
    { key: { id: 1 }, name: 'id_unique', unique: true },
    { key: { customerId: 1, objectId: 1, kind: 1, openKey: 1 }, name: 'open_discrepancy', unique: true },
    { key: { customerId: 1, firstSeenAt: 1 }, name: 'customer_firstSeen' },
  ],
  audit: [
    { key: { id: 1 }, name: 'id_unique', unique: true },
    { key: { at: -1 }, name: 'at' },
    { key: { customerId: 1, at: -1 }, name: 'customer_at' },
  ],
  bindings: [{ key: { platform: 1, channelKey: 1 }, name: 'channel' }],
  adminGrants: [
    { key: { id: 1 }, name: 'id_unique', unique: true },
    { key: { customerId: 1, objectId: 1, currentKey: 1 }, name: 'current_grant', unique: true },
  ],
  graphSubscriptions: [{ key: { subscriptionId: 1 }, name: 'subscriptionId' }],
  trackedOperations: [{ key: { customerId: 1, upnKey: 1, createdAt: -1 }, name: 'customer_upn_created' }],
  requests: [{ key: { state: 1, customerId: 1, createdAt: 1 }, name: 'state_customer_created' }],
  licenceHistory: [{ key: { customerId: 1, at: 1 }, name: 'customer_at' }],
  jobs: [
    { key: { id: 1 }, name: 'id_unique', unique: true },
    { key: { activeKey: 1 }, name: 'active_job', unique: true },
    { key: { status: 1, runAt: 1, createdAt: 1 }, name: 'status_runAt' },
    { key: { status: 1, lockedUntil: 1 }, name: 'status_lockedUntil' },
  ],
};

export async function ensureIndexes(db: Db): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of collectionNames) {
    if (!existing.has(name)) await createCollection(db, name);
    const wanted = indexes[name] ?? [];
    if (wanted.length === 0) continue;
    // Only the missing ones, one at a time: FerretDB 1.24 drops the connection (a server-side panic) when one
    // createIndexes call lists several indexes that all exist already.
    const present = new Set((await db.collection(name).listIndexes().toArray()).map((index) => index.name as string));
    for (const { key, ...options } of wanted.filter((index) => !present.has(index.name!))) {
      await db.collection(name).createIndex(key, options);
    }
  }
}

/** What ensureIndexes would create now: missing collections (`name`) and indexes (`collection.index`). */
export async function findMissingIndexes(db: Db): Promise<string[]> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  const missing: string[] = [];
  for (const name of collectionNames) {
    if (!existing.has(name)) {
      missing.push(name);
      continue;
    }
    const present = new Set((await db.collection(name).listIndexes().toArray()).map((index) => index.name as string));
    for (const index of indexes[name] ?? []) if (!present.has(index.name!)) missing.push(`${name}.${index.name}`);
  }
  return missing;
}

/** Another process opening the same database at the same moment may create it first (NamespaceExists, 48). */
async function createCollection(db: Db, name: string): Promise<void> {
  try {
    await db.createCollection(name);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 48) throw error;
  }
}
