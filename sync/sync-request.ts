/** The request sync acts under when nobody clicked: identity "sync", for the audit log and auto-approval. */
import type { Request } from '../core/request';
import type { Customer } from '../store/types';

export function syncRequest(customer: Customer): Request {
  return {
    context: { identity: 'sync', displayName: 'm365ops sync', origin: 'sync', isPersonal: false },
    command: { name: 'sync', customerId: customer.id },
  };
}
