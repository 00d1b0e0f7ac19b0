/** The MongoDB store: the official driver, collections and indexes ensured at open, driver errors as StoreErrors. */

import { MongoClient } from 'mongodb';
import { type Clock, systemClock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { createDigestRepo } from '../digest-repo';
import { createListingRepo } from '../listing-repo';
import type { Store } from '../ports';
import { createWelcomeRepo } from '../welcome-repo';
import { createAdminGrantRepo } from './admin-grant-repo';
import { createAtomicUpdater } from './atomic-update';
import {
  createAccessRepo,
  createBindingRepo,
  createCustomerRepo,
  createPlanRepo,
  createSettingRepo,
  createSyncStateRepo,
  type MongoContext,
} from './config-repos';
import { createConsentLinkRepo } from './consent-link-repo';
import { databaseNameOf } from './database-name';
import { createDiscrepancyRepo } from './discrepancy-repo';
import { createGraphSubscriptionRepo } from './graph-subscription-repo';
import { ensureIndexes, findMissingIndexes } from './indexes';
import { createJobRepo } from './job-repo';
import { createLeaseRepo } from './lease-repo';
import { createLicenceHistoryRepo } from './licence-history-repo';
import { guardRepo, toStoreError } from './mongo-errors';
import { createAuditRepo, createCreationIntentRepo, createOperationRepo } from './record-repos';
import { createRequestRepo } from './request-repo';
import { createServiceUserRepo } from './service-user-repo';
import { createTrackedOperationRepo } from './tracked-operation-repo';
import { detectWriteMarkers } from './write-markers';

export interface MongoStoreOptions {
  mongodbUri: string;
  logger?: Logger;
  clock?: Clock;
  /** How long to wait for the server before reporting the store unavailable. */
  serverSelectionTimeoutMS?: number;
  /** Forces the FerretDB write markers on or off instead of asking the server (benchmarks compare both). */
  writeMarkers?: boolean;
}

export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const client = new MongoClient(options.mongodbUri, {
    ignoreUndefined: true,
    // A timeout in the URI wins over our default.
    ...(/serverSelectionTimeoutMS=/i.test(options.mongodbUri)
      ? {}
      : { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000 }),
    appName: 'm365ops',
  });
  const databaseName = databaseNameOf(options.mongodbUri);
  try {
    await client.connect();
    const db = client.db(databaseName);
    await ensureIndexes(db);
    const writes =
      options.writeMarkers === undefined
        ? await detectWriteMarkers(db)
        : { markers: options.writeMarkers, server: 'not asked (set by option)' };
    options.logger?.info(
      { database: databaseName, server: writes.server, writeMarkers: writes.markers },
      'MongoDB store opened',
    );
    const updater = createAtomicUpdater(db, { markers: writes.markers });
    const context: MongoContext = { db, clock: options.clock ?? systemClock, updater };
    const settings = guardRepo('settings', createSettingRepo(context));
    return {
      kind: 'mongodb',
      plans: guardRepo('plans', createPlanRepo(context)),
      customers: guardRepo('customers', createCustomerRepo(context)),
      access: guardRepo('access', createAccessRepo(context)),
      serviceUsers: guardRepo('serviceUsers', createServiceUserRepo(context)),
      discrepancies: guardRepo('discrepancies', createDiscrepancyRepo(context)),
      audit: guardRepo('audit', createAuditRepo(context)),
      bindings: guardRepo('bindings', createBindingRepo(context)),
      jobs: guardRepo('jobs', createJobRepo(context)),
      leases: guardRepo('leases', createLeaseRepo(context)),
      syncState: guardRepo('syncState', createSyncStateRepo(context)),
      operations: guardRepo('operations', createOperationRepo(context)),
      creationIntents: guardRepo('creationIntents', createCreationIntentRepo(context)),
      settings,
      digests: createDigestRepo(settings),
      listings: createListingRepo(settings),
      welcomes: createWelcomeRepo(settings),
      consentLinks: guardRepo('consentLinks', createConsentLinkRepo(context)),
      adminGrants: guardRepo('adminGrants', createAdminGrantRepo(context)),
      requests: guardRepo('requests', createRequestRepo(context)),
      graphSubscriptions: guardRepo('graphSubscriptions', createGraphSubscriptionRepo(context)),
      trackedOperations: guardRepo('trackedOperations', createTrackedOperationRepo(context)),
      licenceHistory: guardRepo('licenceHistory', createLicenceHistoryRepo(context)),
      async ping() {
        try {
          await db.command({ ping: 1 });
        } catch (error) {
          throw toStoreError(error, 'ping');
        }
      },
      async missingIndexes() {
        try {
          return await findMissingIndexes(db);
        } catch (error) {
          throw toStoreError(error, 'missingIndexes');
        }
      },
      async close() {
        await client.close();
      },
    };
  } catch (error) {
    await client.close();
    throw toStoreError(error, 'open');
  }
}
