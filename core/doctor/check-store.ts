/**
 * The store m365ops keeps everything in: reachable, with every collection and index it needs, and holding someone
 * who may administer m365ops and at least one customer.
 */
import { asCodedError } from '../../common/coded-error';
import type { Store } from '../../store/ports';
import { type DoctorCheck, type DoctorRow, fail, ok, warn } from './doctor-row';

const check = 'Store';

export function storeCheck(store: Store): DoctorCheck {
  return {
    check,
    async run() {
      const name = store.kind === 'mongodb' ? 'The MongoDB store (MONGODB_URI)' : 'The embedded store (DATA_DIR)';
      try {
        await store.ping();
      } catch (error) {
        const fix =
          store.kind === 'mongodb'
            ? 'Check MONGODB_URI, the network path to the database and its user’s credentials.'
            : 'Check that DATA_DIR is on a writable disk and that no other m365ops process uses it.';
        return [fail(check, `${name} cannot be reached: ${asCodedError(error).message}`, fix)];
      }
      const rows: DoctorRow[] = [];
      const missing = await store.missingIndexes();
      rows.push(
        missing.length === 0
          ? ok(check, `${name} answers and has every collection and index m365ops needs.`)
          : fail(
              check,
              `${name} answers but lacks ${missing.join(', ')}: lookups are slow and duplicates are not refused.`,
              'Restart m365ops: it creates what is missing when it starts (its database user needs the readWrite role).',
            ),
      );
      rows.push(await contentRow(store));
      return rows;
    },
  };
}

async function contentRow(store: Store): Promise<DoctorRow> {
  const [grants, customers] = await Promise.all([store.access.list(), store.customers.list()]);
  if (!grants.some((grant) => grant.role === 'admin')) {
    return warn(
      'Access',
      'Nobody holds the admin role: no one can change customers, plans or access from chat.',
      'Name an admin under access.admins in the config file (M365OPS_CONFIG), or run `m365ops access admin add <identity>`.',
    );
  }
  if (customers.length === 0) {
    return warn(
      'Access',
      'No customer is configured yet, so there is nothing to provision or sync.',
      'Add customers in the config file or with `customer add <id> "<name>"`, then send each a consent link.',
    );
  }
  const people = new Set(grants.map((grant) => grant.identity)).size;
  const holders = people === 1 ? '1 person holds a role' : `${people} people hold a role`;
  const configured =
    customers.length === 1 ? '1 customer is configured' : `${customers.length} customers are configured`;
  return ok('Access', `${holders}; ${configured}.`);
}
