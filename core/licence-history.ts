/**
 * The licence history's one writer. The runtime's store watches its service-user writes: whenever a record's seat
 * changes (a user gets a plan's licences, moves to another plan, gets custom licences, or loses them by removal,
 * deletion or offboarding), one change is appended to `licenceHistory`, stamped by the runtime's clock. So every
 * rule that changes licences (chat commands, forms, sync decisions, offboarding, jobs) is recorded, whichever floor
 * it runs on, and a month's licence report (core/licence-report.ts) is drawn from these records alone.
 */
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { LicenceChange } from '../store/licence-history';
import type { ServiceUserRepo, Store } from '../store/ports';
import type { ServiceUser } from '../store/types';

/** What a user holds from m365ops: a plan, or custom licences; null when none (removed, deleted, unlicensed). */
interface Seat {
  planId: string | null;
  skus: string[];
}

/** The fields whose change may change a seat; writes of other fields are not watched. */
const seatFields = ['planId', 'customSkuIds', 'status'] as const;

export function recordLicenceChanges(store: Store, clock: Clock, logger: Logger): Store {
  const users = store.serviceUsers;
  const record = async (before: ServiceUser | null, after: ServiceUser | null): Promise<void> => {
    const user = after ?? before;
    if (!user) return;
    try {
      const change = await changeOf(store, before, after);
      if (change) await store.licenceHistory.append({ ...change, ...identify(user), at: clock.now() });
    } catch (error) {
      // The tenant and the user's record are changed already: say so loudly rather than fail what was done.
      logger.error({ err: error, customerId: user.customerId, upn: user.upn }, 'the licence history missed a change');
    }
  };
  const watched: ServiceUserRepo = {
    ...users,
    async create(fields) {
      const created = await users.create(fields);
      await record(null, created);
      return created;
    },
    async update(customerId, objectId, changes) {
      if (!seatFields.some((field) => field in changes)) return users.update(customerId, objectId, changes);
      const before = await users.get(customerId, objectId);
      const after = await users.update(customerId, objectId, changes);
      await record(before, after);
      return after;
    },
    async delete(customerId, objectId) {
      const before = await users.get(customerId, objectId);
      const deleted = await users.delete(customerId, objectId);
      if (deleted) await record(before, null);
      return deleted;
    },
  };
  return { ...store, serviceUsers: watched };
}

type ChangeFields = Pick<LicenceChange, 'planId' | 'skus' | 'change'>;

async function changeOf(
  store: Store,
  before: ServiceUser | null,
  after: ServiceUser | null,
): Promise<ChangeFields | null> {
  const was = seatOf(before);
  const is = seatOf(after);
  if (sameSeat(was, is)) return null;
  if (!is) return { planId: null, skus: [], change: 'removed' };
  const skus = is.planId ? ((await store.plans.get(is.planId))?.skus ?? []) : is.skus;
  return { planId: is.planId, skus: [...skus], change: 'assigned' };
}

function seatOf(user: ServiceUser | null): Seat | null {
  if (user?.status !== 'active') return null;
  if (user.planId) return { planId: user.planId, skus: [] };
  const custom = [...(user.customSkuIds ?? [])].sort();
  return custom.length > 0 ? { planId: null, skus: custom } : null;
}

function sameSeat(a: Seat | null, b: Seat | null): boolean {
  if (!a || !b) return a === b;
  return a.planId === b.planId && a.skus.join(',') === b.skus.join(',');
}

function identify(user: ServiceUser): Pick<LicenceChange, 'customerId' | 'objectId' | 'upn'> {
  return { customerId: user.customerId, objectId: user.objectId, upn: user.upn };
}
