/**
 * Admin consent (design §1, the communications platform's integration): a signed, expiring, single-use link for the
 * customer's administrator (the redirect is handled in consent-callback.ts); verifyConsent proves consent with a
 * token and a Graph read. Neither binds a tenant to a customer that has none: an admin confirms that
 * (consent-confirm.ts).
 */

import { recordAudit } from '../core/audit';
import { fail } from '../core/errors';
import type { ConsentLinkReply, ResultReply } from '../core/reply';
import type { Command, RequestContext } from '../core/request';
import { getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { possessive } from '../core/words';
import { M365Error } from '../m365/errors';
import type { ConsentStatus, ConversationRef, Customer } from '../store/types';
import { organizationFacts, verifiedDomainNames } from './consent-outcome';
import { newConsentNonce, signConsentState } from './consent-state';

/** Consent that stands until a token proves otherwise: a new link, a denial or an empty redirect leaves it. */
export const standingStatuses: ReadonlySet<ConsentStatus> = new Set<ConsentStatus>([
  'granted',
  'awaiting-confirmation',
]);

export async function consentLink(
  invocation: Invocation,
  command: Extract<Command, { name: 'consent-link' }>,
): Promise<ConsentLinkReply> {
  const { runtime, request } = invocation;
  const customer = await getCustomer(invocation, command.customerId);
  const now = runtime.clock.now();
  const expiresAt = new Date(now.getTime() + runtime.settings.consentLinkTtlMs);
  const nonce = newConsentNonce();
  const requestedBy = request.context.identity;
  const conversation = conversationOf(request.context);
  await runtime.store.consentLinks.create({ nonce, customerId: customer.id, requestedBy, conversation, expiresAt });
  const state = signConsentState(
    { customerId: customer.id, requestedBy, nonce, expiresAt: expiresAt.getTime() },
    runtime.settings.consentSigningKey,
  );
  const url = runtime.gateway.adminConsentUrl({
    tenant: customer.tenantId ?? 'organizations',
    redirectUri: `${runtime.settings.publicUrl.replace(/\/+$/, '')}/consent/callback`,
    state,
  });
  // A link sent does not undo a consent that stands (granted, or waiting for an admin's confirmation).
  const stands = standingStatuses.has(customer.consent.status);
  await runtime.store.customers.update(customer.id, {
    consent: {
      ...customer.consent,
      status: stands ? customer.consent.status : 'pending',
      requestedBy,
      at: now,
    },
  });
  await recordAudit(invocation, {
    action: 'consent-link',
    result: 'ok',
    target: customer.id,
    details: { expiresAt: expiresAt.toISOString() },
  });
  return {
    kind: 'consent-link',
    customerId: customer.id,
    customerName: customer.name,
    url,
    expiresAt: expiresAt.toISOString(),
    linkId: nonce,
  };
}

/** The Teams or Slack conversation a request came from, where its requester can be told things later. */
function conversationOf(context: RequestContext): ConversationRef | undefined {
  if ((context.origin !== 'teams' && context.origin !== 'slack') || !context.channelKey || !context.channelReference) {
    return undefined;
  }
  return {
    platform: context.origin,
    channelKey: context.channelKey,
    ...(context.channelName ? { channelName: context.channelName } : {}),
    reference: context.channelReference,
  };
}

export async function verifyConsent(
  invocation: Invocation,
  command: Extract<Command, { name: 'verify-consent' }>,
): Promise<ResultReply> {
  const { runtime } = invocation;
  const customer = await getCustomer(invocation, command.customerId);
  const tenantId = customer.tenantId ?? customer.consent.tenantId;
  if (!tenantId) {
    throw fail(
      'no-tenant',
      `${customer.name} has no tenant yet: its administrator has not used a consent link; send one with \`consent link ${customer.id}\`.`,
    );
  }
  const now = runtime.clock.now();
  try {
    const proof = await runtime.gateway.verifyConsent(tenantId);
    const organization = {
      displayName: proof.organization.displayName,
      verifiedDomains: verifiedDomainNames(proof.organization),
    };
    // A tenant only a consent redirect named is not bound here: an m365ops admin confirms it first.
    const status = customer.tenantId ? 'granted' : 'awaiting-confirmation';
    const changes: Partial<Customer> = {
      consent: { ...customer.consent, status, tenantId, verifiedAt: now, organization, detail: undefined },
    };
    await runtime.store.customers.update(customer.id, changes);
    const audit = await recordAudit(invocation, {
      action: 'verify-consent',
      result: 'ok',
      target: customer.id,
      details: { roles: proof.roles, consent: status },
    });
    return {
      kind: 'result',
      title:
        status === 'granted'
          ? `${customer.name} has granted consent`
          : `Consent for ${customer.name} is proven, and waits for an m365ops admin to confirm the tenant`,
      facts: [
        ...organizationFacts(tenantId, proof.organization),
        { label: 'Permissions', value: proof.roles.join(', ') },
      ],
      ...(status === 'granted'
        ? {}
        : { notes: [`An m365ops admin confirms with \`confirm consent ${customer.id} ${tenantId}\`.`] }),
      customerId: customer.id,
      customerName: customer.name,
      tenantId,
      auditId: audit.id,
    };
  } catch (error) {
    if (!(error instanceof M365Error)) throw error;
    if (error.code === 'consent-missing' || error.code === 'tenant-not-found') {
      await runtime.store.customers.update(customer.id, {
        consent: {
          ...customer.consent,
          status: standingStatuses.has(customer.consent.status) ? 'unknown' : customer.consent.status,
          detail: error.message,
        },
      });
      throw fail(
        'consent-missing',
        `${possessive(customer.name)} consent is missing: ${error.message} Send its administrator a new link with \`consent link ${customer.id}\`.`,
      );
    }
    throw error;
  }
}
