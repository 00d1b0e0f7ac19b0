/**
 * The store contract: one suite every adapter must pass, given a harness that opens a fresh store and reopens it.
 * It never branches on the adapter.
 */
import { describeAdminGrantsContract } from './admin-grants.contract';
import { describeConfigRecordsContract } from './config-records.contract';
import { describeConsentLinksContract } from './consent-links.contract';
import { describeCreationIntentsContract } from './creation-intents.contract';
import { describeDigestsContract } from './digests.contract';
import { describeDiscrepanciesContract } from './discrepancies.contract';
import { describeDiscrepancyBatchesContract } from './discrepancy-batches.contract';
import { describeGraphSubscriptionsContract } from './graph-subscriptions.contract';
import { type StoreHarness, useFreshStore } from './harness';
import { describeHealthContract } from './health.contract';
import { describeJobsContract } from './jobs.contract';
import { describeLeasesContract } from './leases.contract';
import { describeLicenceHistoryContract } from './licence-history.contract';
import { describeListingsContract } from './listings.contract';
import { describePersistenceContract } from './persistence.contract';
import { describeRecordsContract } from './records.contract';
import { describeRequestsContract } from './requests.contract';
import { describeServiceUsersContract } from './service-users.contract';
import { describeTrackedOperationsContract } from './tracked-operations.contract';
import { describeWelcomesContract } from './welcomes.contract';

export type { OpenedStore, StoreHarness } from './harness';

export function describeStoreContract(harness: StoreHarness): void {
  const context = useFreshStore(harness);
  describeConfigRecordsContract(context);
  describeServiceUsersContract(context);
  describeDiscrepanciesContract(context);
  describeDiscrepancyBatchesContract(context);
  describeJobsContract(context);
  describeLeasesContract(context);
  describeRecordsContract(context);
  describeConsentLinksContract(context);
  describeAdminGrantsContract(context);
  describeCreationIntentsContract(context);
  describeDigestsContract(context);
  describeListingsContract(context);
  describeWelcomesContract(context);
  describeRequestsContract(context);
  describeGraphSubscriptionsContract(context);
  describeTrackedOperationsContract(context);
  describeLicenceHistoryContract(context);
  describePersistenceContract(context);
  describeHealthContract(context);
}
