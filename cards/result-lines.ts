/** The words of a result, shared by the Adaptive Card and Slack renderers. */
import type { ResultReply } from '../core/reply';

/** "Contoso Ltd, tenant 0f6d…": the customer the result is about, for the footer; '' when it names none. */
export function describeResultCustomer(reply: ResultReply): string {
  return [reply.customerName ?? reply.customerId, reply.tenantId && `tenant ${reply.tenantId}`]
    .filter(Boolean)
    .join(', ');
}

/** The facts, without a "Customer" fact that only repeats the customer the footer names (with its tenant). */
export function describeResultFacts(reply: ResultReply): ResultReply['facts'] {
  if (!describeResultCustomer(reply)) return reply.facts;
  const names = [reply.customerName, reply.customerId].filter(Boolean);
  return reply.facts.filter((fact) => !(fact.label.toLowerCase() === 'customer' && names.includes(fact.value)));
}
