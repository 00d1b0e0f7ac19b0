/**
 * The embedded store: every record in memory, made durable by the journal under `dataDir`, with the directory
 * locked to this process while open.
 */

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Clock, systemClock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { createDigestRepo } from '../digest-repo';
import { createListingRepo } from '../listing-repo';
import type { Store } from '../ports';
import { createWelcomeRepo } from '../welcome-repo';
import { createAdminGrantRepo } from './admin-grant-repo';
import {
  createAccessRepo,
  createBindingRepo,
  createCustomerRepo,
  createPlanRepo,
  createSettingRepo,
  createSyncStateRepo,
} from './config-repos';
import { createConsentLinkRepo } from './consent-link-repo';
import { coldPolicy, createCollections, type EmbeddedContext } from './definitions';
import { lockDirectory } from './dir-lock';
import { createDiscrepancyRepo } from './discrepancy-repo';
import { createGraphSubscriptionRepo } from './graph-subscription-repo';
import { createJobRepo } from './job-repo';
import { Journal } from './journal';
import { createLeaseRepo } from './lease-repo';
import { createLicenceHistoryRepo } from './licence-history-repo';
import { createAuditRepo, createCreationIntentRepo, createOperationRepo } from './record-repos';
import { createRequestRepo } from './request-repo';
import { createServiceUserRepo } from './service-user-repo';
import { createTrackedOperationRepo } from './tracked-operation-repo';

export interface EmbeddedStoreOptions {
  dataDir: string;
  logger?: Logger;
  clock?: Clock;
  /**
   * The journal is compacted into the snapshot once it is larger than the snapshot and than this (default 4 MiB);
   * small values exercise compaction.
   */
  compactAfterBytes?: number;
}

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const directory = path.resolve(options.dataDir);
  await mkdir(directory, { recursive: true });
  const lock = lockDirectory(directory);
  try {
    const { journal, state } = await Journal.open(directory, {
      logger: options.logger,
      compactAfterBytes: options.compactAfterBytes,
      coldPolicy,
    });
    let context: EmbeddedContext;
    try {
      context = { collections: createCollections(journal, state), clock: options.clock ?? systemClock };
      const collections = Object.values(context.collections);
      await journal.attach(() => collections.map((collection) => collection.capture()));
    } catch (error) {
      await journal.abandon();
      throw error;
    }
    options.logger?.info({ dataDir: directory }, 'embedded store opened');
    let closing: Promise<void> | undefined;
    const settings = createSettingRepo(context);
    return {
      kind: 'embedded',
      plans: createPlanRepo(context),
      customers: createCustomerRepo(context),
      access: createAccessRepo(context),
      serviceUsers: createServiceUserRepo(context),
      discrepancies: createDiscrepancyRepo(context),
      audit: createAuditRepo(context),
      bindings: createBindingRepo(context),
      jobs: createJobRepo(context),
      leases: createLeaseRepo(context),
      syncState: createSyncStateRepo(context),
      operations: createOperationRepo(context),
      creationIntents: createCreationIntentRepo(context),
      settings,
      digests: createDigestRepo(settings),
      listings: createListingRepo(settings),
      welcomes: createWelcomeRepo(settings),
      consentLinks: createConsentLinkRepo(context),
      adminGrants: createAdminGrantRepo(context),
      requests: createRequestRepo(context),
      graphSubscriptions: createGraphSubscriptionRepo(context),
      trackedOperations: createTrackedOperationRepo(context),
      licenceHistory: createLicenceHistoryRepo(context),
      async ping() {
        journal.assertWritable();
      },
      async missingIndexes() {
        // Its indexes are built in memory when it opens: none can be missing.
        journal.assertWritable();
        return [];
      },
      close() {
        closing ??= journal.close().finally(() => lock.release());
        return closing;
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
