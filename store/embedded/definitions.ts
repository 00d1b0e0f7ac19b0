/** The embedded store's collections: their keys and unique indexes, mirroring the MongoDB adapter's indexes. */
import type { Clock } from '../../common/clock';
import { upnKey } from '../record-changes';
import type {
  AccessGrant,
  AuditRecord,
  Customer,
  Discrepancy,
  Job,
  Lease,
  NotificationBinding,
  Operation,
  Plan,
  ServiceUser,
  SyncState,
} from '../types';
import { Collection, type CollectionDefinition } from './collection';
import type { Journal, StoredState } from './journal';

export interface Setting {
  key: string;
  value: string;
}

const isUnclosed = (d: Discrepancy) => d.status === 'open' || d.status === 'deciding';
const isActive = (job: Job) => job.status === 'pending' || job.status === 'running';

export const definitions = {
  plans: { name: 'plans', keyOf: (plan: Plan) => plan.id },
  customers: { name: 'customers', keyOf: (customer: Customer) => customer.id },
  access: {
    name: 'access',
    keyOf: (grant: AccessGrant) => `${grant.identity}\n${grant.role}`,
    keyLabel: 'identity and role',
  },
  serviceUsers: {
    name: 'serviceUsers',
    keyOf: (user: ServiceUser) => `${user.customerId}\n${user.objectId}`,
    keyLabel: 'customer and object id',
    unique: [
      {
        label: 'customer and UPN',
        valueOf: (user: ServiceUser) => `${user.customerId}\n${upnKey(user.upn)}`,
        describe: (user: ServiceUser) => `${user.customerId}, ${user.upn}`,
      },
    ],
  },
  discrepancies: {
    name: 'discrepancies',
    keyOf: (d: Discrepancy) => d.id,
    unique: [
      {
        label: 'user and kind still open',
        valueOf: (d: Discrepancy) => (isUnclosed(d) ? `${d.customerId}\n${d.objectId}\n${d.kind}` : `closed\n${d.id}`),
        describe: (d: Discrepancy) => `${d.customerId}, ${d.upn}, ${d.kind}`,
      },
    ],
  },
  audit: { name: 'audit', keyOf: (record: AuditRecord) => record.id },
  bindings: { name: 'bindings', keyOf: (binding: NotificationBinding) => binding.customerId, keyLabel: 'customer' },
  jobs: {
    name: 'jobs',
    keyOf: (job: Job) => job.id,
    unique: [
      {
        label: 'unique key while pending or running',
        valueOf: (job: Job) => (job.uniqueKey && isActive(job) ? `key\n${job.uniqueKey}` : `id\n${job.id}`),
        describe: (job: Job) => job.uniqueKey ?? job.id,
      },
    ],
  },
  leases: { name: 'leases', keyOf: (lease: Lease) => lease.name, keyLabel: 'name' },
  syncState: { name: 'syncState', keyOf: (state: SyncState) => state.customerId, keyLabel: 'customer' },
  operations: { name: 'operations', keyOf: (operation: Operation) => operation.key, keyLabel: 'key' },
  settings: { name: 'settings', keyOf: (setting: Setting) => setting.key, keyLabel: 'key' },
} satisfies Record<string, CollectionDefinition<never>>;

type Definitions = typeof definitions;
type DocumentOf<D> = D extends CollectionDefinition<infer T> ? T : never;

export type Collections = { [Name in keyof Definitions]: Collection<DocumentOf<Definitions[Name]> & object> };

/** What every embedded repo works with. */
export interface EmbeddedContext {
  collections: Collections;
  clock: Clock;
}

export function createCollections(journal: Journal, state: StoredState): Collections {
  const entries = Object.entries(definitions).map(([name, definition]) => [
    name,
    new Collection(definition as CollectionDefinition<object>, journal, state.get(definition.name)),
  ]);
  return Object.fromEntries(entries) as Collections;
}
