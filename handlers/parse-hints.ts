/** The configured plan and customer ids, read for the transports' parser ("did you mean …"). */
import type { ParseHints } from '../core/m365ops-port';
import type { Runtime } from '../core/runtime';

export async function readParseHints(runtime: Runtime): Promise<ParseHints> {
  const [plans, customers] = await Promise.all([runtime.store.plans.list(), runtime.store.customers.list()]);
  return { planIds: plans.map((plan) => plan.id), customerIds: customers.map((customer) => customer.id) };
}
