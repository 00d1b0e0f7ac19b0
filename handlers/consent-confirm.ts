/**
 * `confirm consent <customer> <tenant>` (admin): binds the tenant a consent callback proved to a customer that had
 * none, once an m365ops admin has checked its organisation. Consent is proven again with a fresh token first.
 */

import { recordAudit } from '../core/audit';
import { fail } from '../core/errors';
import type { ResultReply } from '../core/reply';
import type { Command } from '../core/request';
import { getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { possessive } from '../core/words';
import { M365Error } from '../m365/errors';
import { organizationFacts, tellRequester, verifiedDomainNames } from './consent-outcome';

export async function confirmConsent(
  invocation: Invocation,
  command: Extract<Command, { name: 'confirm-consent' }>,
): Promise<ResultReply> {
  const { runtime, request } = invocation;
  const customer = await getCustomer(invocation, command.customerId);
  const tenantId = command.tenantId.toLowerCase();
  if (customer.tenantId) {
    throw fail(
      'tenant-bound',
      customer.tenantId.toLowerCase() === tenantId
        ? `${customer.name} is bound to tenant ${tenantId} already; nothing to confirm.`
        : `${customer.name} is bound to tenant ${customer.tenantId}, not ${tenantId}; nothing was changed.`,
    );
  }
  const { consent } = customer;
  if (consent.status !== 'awaiting-confirmation' || consent.tenantId?.toLowerCase() !== tenantId) {
    const waiting =
      consent.status === 'awaiting-confirmation' && consent.tenantId
        ? `it waits for tenant ${consent.tenantId}`
        : `its consent is ${consent.status === 'none' ? 'not asked yet' : consent.status}`;
    throw fail(
      'nothing-to-confirm',
      `No consent for ${customer.name} from tenant ${tenantId} waits for confirmation (${waiting}); nothing was changed.`,
    );
  }
  const owner = await runtime.store.customers.findByTenantId(tenantId);
  if (owner && owner.id !== customer.id) {
    throw fail(
      'tenant-taken',
      `Tenant ${tenantId} belongs to ${owner.name} (${owner.id}) already, so it cannot be ${possessive(customer.name)}; nothing was changed.`,
    );
  }
  const proof = await runtime.gateway.verifyConsent(tenantId).catch((error: unknown) => {
    if (!(error instanceof M365Error)) throw error;
    throw fail(
      'consent-missing',
      `The consent of tenant ${tenantId} could not be proven again, so ${customer.name} was not bound: ${error.message}`,
    );
  });
  const now = runtime.clock.now();
  const organization = {
    displayName: proof.organization.displayName,
    verifiedDomains: verifiedDomainNames(proof.organization),
  };
  await runtime.store.customers.update(customer.id, {
    tenantId,
    consent: { ...consent, status: 'granted', tenantId, verifiedAt: now, organization, detail: undefined },
  });
  const audit = await recordAudit(invocation, {
    action: 'confirm-consent',
    result: 'ok',
    target: customer.id,
    details: { tenantId, organization: organization.displayName, requestedBy: consent.requestedBy },
  });
  const confirmedBy = request.context.displayName ?? request.context.identity;
  if (consent.requestedIn && consent.requestedIn.channelKey !== request.context.channelKey) {
    await tellRequester(runtime, consent.requestedIn, customer, {
      kind: 'confirmed',
      tenantId,
      organization: proof.organization,
      confirmedBy,
    });
  }
  return {
    kind: 'result',
    title: `${customer.name} is bound to tenant ${proof.organization.displayName}`,
    facts: organizationFacts(tenantId, proof.organization),
    notes: ['Consent was proven again with a fresh token; m365ops can manage its users now.'],
    customerId: customer.id,
    customerName: customer.name,
    tenantId,
    auditId: audit.id,
  };
}
