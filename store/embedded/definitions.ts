/**
 * The embedded store's collections: their keys and unique indexes, mirroring the MongoDB adapter's indexes, and the
 * group indexes the repos query instead of scanning. Repos look values up with the same `*Value` helpers the indexes
 * are built with.
 */
import type { Clock } from '../../common/clock';
import { type AdminGrant, currentGrantStates } from '../admin-grant';
import type { GraphSubscription } from '../graph-subscription';
import type { LicenceChange } from '../licence-history';
import { upnKey } from '../record-changes';
import type { ApprovalRequest } from '../request-types';
import type { TrackedOperation } from '../tracked-operation';
import type {
  AccessGrant,
  AuditRecord,
  ConsentLink,
  CreationIntent,
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
import type { ColdPolicy, StoredDocument } from './cold-document';
import { Collection, type CollectionDefinition, type UniqueIndex } from './collection';
import type { GroupIndex } from './group-index';
import type { Journal } from './journal';
import type { LoadedState } from './snapshot-file';

export interface Setting {
  key: string;
  value: string;
}

const isUnclosed = (d: Discrepancy) => d.status === 'open' || d.status === 'deciding';
const isActive = (job: Job) => job.status === 'pending' || job.status === 'running';
const joined = (...parts: string[]) => parts.join('\n');

export const upnValue = (customerId: string, upn: string) => joined(customerId, upnKey(upn));
export const planSeatValue = (customerId: string, planId: string) => joined(customerId, planId);
export const openDiscrepancyValue = (customerId: string, objectId: string, kind: string) =>
  joined(customerId, objectId, kind);
export const activeJobValue = (uniqueKey: string) => joined('key', uniqueKey);

export const serviceUserIndexes = {
  upn: {
    label: 'customer and UPN',
    valueOf: (user) => upnValue(user.customerId, user.upn),
    describe: (user) => `${user.customerId}, ${user.upn}`,
  } satisfies UniqueIndex<ServiceUser>,
  byCustomer: { groupOf: (user) => user.customerId } satisfies GroupIndex<ServiceUser>,
  activeByCustomer: {
    groupOf: (user) => (user.status === 'active' ? user.customerId : undefined),
  } satisfies GroupIndex<ServiceUser>,
  /** Active users by customer and plan: the seats that count against a plan's limit. */
  activeOnPlan: {
    groupOf: (user) =>
      user.status === 'active' && typeof user.planId === 'string'
        ? planSeatValue(user.customerId, user.planId)
        : undefined,
  } satisfies GroupIndex<ServiceUser>,
};

export const discrepancyIndexes = {
  open: {
    label: 'user and kind still open',
    valueOf: (d) => (isUnclosed(d) ? openDiscrepancyValue(d.customerId, d.objectId, d.kind) : undefined),
    describe: (d) => `${d.customerId}, ${d.upn}, ${d.kind}`,
  } satisfies UniqueIndex<Discrepancy>,
  byCustomer: { groupOf: (d) => d.customerId } satisfies GroupIndex<Discrepancy>,
  openByCustomer: { groupOf: (d) => (isUnclosed(d) ? d.customerId : undefined) } satisfies GroupIndex<Discrepancy>,
};

export const jobIndexes = {
  active: {
    label: 'unique key while pending or running',
    valueOf: (job) =>
      job.uniqueKey !== undefined && isActive(job) ? activeJobValue(job.uniqueKey) : joined('id', job.id),
    describe: (job) => job.uniqueKey ?? job.id,
  } satisfies UniqueIndex<Job>,
  /** Pending and running jobs: the only ones claimDue can take. */
  claimable: { groupOf: (job) => (isActive(job) ? 'active' : undefined) } satisfies GroupIndex<Job>,
};

export const trackedOperationIndexes = {
  byCustomer: { groupOf: (operation) => operation.customerId } satisfies GroupIndex<TrackedOperation>,
};

export const currentGrantValue = (customerId: string, objectId: string) => joined(customerId, objectId);
const isCurrentGrant = (grant: AdminGrant) => currentGrantStates.includes(grant.state);

export const adminGrantIndexes = {
  current: {
    label: 'user with a current admin grant',
    valueOf: (grant) => (isCurrentGrant(grant) ? currentGrantValue(grant.customerId, grant.objectId) : undefined),
    describe: (grant) => `${grant.customerId}, ${grant.upn}`,
  } satisfies UniqueIndex<AdminGrant>,
  currentByCustomer: {
    groupOf: (grant) => (isCurrentGrant(grant) ? grant.customerId : undefined),
  } satisfies GroupIndex<AdminGrant>,
};

export const auditIndexes = {
  byCustomer: { groupOf: (record) => record.customerId } satisfies GroupIndex<AuditRecord>,
  byActor: { groupOf: (record) => record.actor } satisfies GroupIndex<AuditRecord>,
};

export const licenceHistoryIndexes = {
  byCustomer: { groupOf: (change) => change.customerId } satisfies GroupIndex<LicenceChange>,
};

export const requestIndexes = {
  open: { groupOf: (request) => (request.state === 'open' ? 'open' : undefined) } satisfies GroupIndex<ApprovalRequest>,
};

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
    unique: [serviceUserIndexes.upn],
    groups: [serviceUserIndexes.byCustomer, serviceUserIndexes.activeByCustomer, serviceUserIndexes.activeOnPlan],
  },
  discrepancies: {
    name: 'discrepancies',
    keyOf: (d: Discrepancy) => d.id,
    unique: [discrepancyIndexes.open],
    groups: [discrepancyIndexes.byCustomer, discrepancyIndexes.openByCustomer],
    /** Closed ones are history: read by id or in a customer's full list, kept on disk once in the snapshot. */
    cold: {
      summaryIfCold: (d: Discrepancy) =>
        isUnclosed(d)
          ? undefined
          : { id: d.id, customerId: d.customerId, status: d.status, firstSeenAt: d.firstSeenAt },
    },
  },
  audit: {
    name: 'audit',
    keyOf: (record: AuditRecord) => record.id,
    groups: [auditIndexes.byCustomer, auditIndexes.byActor],
  },
  bindings: { name: 'bindings', keyOf: (binding: NotificationBinding) => binding.customerId, keyLabel: 'customer' },
  jobs: {
    name: 'jobs',
    keyOf: (job: Job) => job.id,
    unique: [jobIndexes.active],
    groups: [jobIndexes.claimable],
  },
  leases: { name: 'leases', keyOf: (lease: Lease) => lease.name, keyLabel: 'name' },
  syncState: { name: 'syncState', keyOf: (state: SyncState) => state.customerId, keyLabel: 'customer' },
  operations: { name: 'operations', keyOf: (operation: Operation) => operation.key, keyLabel: 'key' },
  creationIntents: {
    name: 'creationIntents',
    keyOf: (intent: CreationIntent) => upnValue(intent.customerId, intent.upn),
    keyLabel: 'customer and UPN',
  },
  settings: { name: 'settings', keyOf: (setting: Setting) => setting.key, keyLabel: 'key' },
  consentLinks: { name: 'consentLinks', keyOf: (link: ConsentLink) => link.nonce, keyLabel: 'nonce' },
  adminGrants: {
    name: 'adminGrants',
    keyOf: (grant: AdminGrant) => grant.id,
    unique: [adminGrantIndexes.current],
    groups: [adminGrantIndexes.currentByCustomer],
  },
  requests: { name: 'requests', keyOf: (request: ApprovalRequest) => request.id, groups: [requestIndexes.open] },
  trackedOperations: {
    name: 'trackedOperations',
    keyOf: (operation: TrackedOperation) => operation.id,
    groups: [trackedOperationIndexes.byCustomer],
  },
  graphSubscriptions: {
    name: 'graphSubscriptions',
    keyOf: (subscription: GraphSubscription) => subscription.customerId,
    keyLabel: 'customer',
  },
  licenceHistory: {
    name: 'licenceHistory',
    keyOf: (change: LicenceChange) => change.id,
    groups: [licenceHistoryIndexes.byCustomer],
  },
} satisfies Record<string, CollectionDefinition<never>>;

type Definitions = typeof definitions;
type DocumentOf<D> = D extends CollectionDefinition<infer T> ? T : never;

export type Collections = { [Name in keyof Definitions]: Collection<DocumentOf<Definitions[Name]> & object> };

/** What every embedded repo works with. */
export interface EmbeddedContext {
  collections: Collections;
  clock: Clock;
}

/** The cold documents of every collection, for reading the snapshot. */
export const coldPolicy: ColdPolicy = {
  summaryIfCold(collection, document) {
    const definition = definitions[collection as keyof Definitions] as CollectionDefinition<object> | undefined;
    return definition?.cold?.summaryIfCold(document) as StoredDocument | undefined;
  },
};

export function createCollections(journal: Journal, state: LoadedState): Collections {
  const entries = Object.entries(definitions).map(([name, definition]) => [
    name,
    new Collection(definition as CollectionDefinition<object>, journal, state.get(definition.name)),
  ]);
  return Object.fromEntries(entries) as Collections;
}
