/**
 * What came of a consent link, told to the person who asked for it, in the conversation where they asked (the
 * link's ConversationRef), through the notifier port. Telling is best effort: a failure is logged, never shown to
 * the customer's administrator on the callback page.
 */

import type { ConsentLinkReply, ResultReply } from '../core/reply';
import type { Runtime } from '../core/runtime';
import { possessive } from '../core/words';
import type { TenantOrganization } from '../m365/types';
import type { ConsentLink, ConversationRef, Customer } from '../store/types';

export type ConsentOutcome =
  | { kind: 'verified'; tenantId: string; organization: TenantOrganization }
  | { kind: 'awaiting-confirmation'; tenantId: string; organization: TenantOrganization }
  | { kind: 'confirmed'; tenantId: string; organization: TenantOrganization; confirmedBy: string }
  | { kind: 'wrong-tenant'; tenantId: string; expected?: string; ownerName?: string }
  | { kind: 'unverified'; tenantId: string; reason: string }
  | { kind: 'denied'; error: string; kept?: Customer['consent']['status'] }
  | { kind: 'no-answer'; kept?: Customer['consent']['status'] };

export async function tellRequester(
  runtime: Runtime,
  conversation: ConversationRef | undefined,
  customer: Customer,
  outcome: ConsentOutcome,
): Promise<void> {
  if (!runtime.notifier || !conversation) return;
  try {
    await runtime.notifier.postTo(conversation, describeConsentOutcome(customer, outcome));
  } catch (error) {
    runtime.logger.warn(
      { err: error, customerId: customer.id, outcome: outcome.kind, platform: conversation.platform },
      'could not tell the requester what came of the consent link',
    );
  }
}

/**
 * Replaces the link's card, where its transport posted it, with what came of the link (the link itself is used up):
 * best effort, like telling the requester.
 */
export async function updateLinkCard(
  runtime: Runtime,
  link: ConsentLink,
  customer: Customer,
  outcome: ConsentOutcome,
): Promise<void> {
  if (!runtime.notifier || !link.message) return;
  const card: ConsentLinkReply = {
    kind: 'consent-link',
    customerId: customer.id,
    customerName: customer.name,
    expiresAt: link.expiresAt.toISOString(),
    linkId: link.nonce,
    outcome: { text: describeConsentOutcome(customer, outcome).title, at: runtime.clock.now().toISOString() },
  };
  try {
    await runtime.notifier.update(link.message, card);
  } catch (error) {
    runtime.logger.warn(
      { err: error, customerId: customer.id, outcome: outcome.kind, platform: link.message.platform },
      'could not update the consent link card with what came of it',
    );
  }
}

/** Lines of the organisation a token for the tenant read: shown to people who decide whether it is the right one. */
export function organizationFacts(tenantId: string, organization: TenantOrganization): ResultReply['facts'] {
  return [
    { label: 'Organisation', value: organization.displayName || '(no name)' },
    { label: 'Tenant', value: tenantId },
    { label: 'Verified domains', value: verifiedDomainNames(organization).join(', ') || 'none' },
  ];
}

export function verifiedDomainNames(organization: TenantOrganization): string[] {
  return organization.verifiedDomains.map((domain) => domain.name);
}

export function describeConsentOutcome(customer: Customer, outcome: ConsentOutcome): ResultReply {
  const base = { kind: 'result' as const, customerId: customer.id, customerName: customer.name };
  switch (outcome.kind) {
    case 'verified':
      return {
        ...base,
        tenantId: outcome.tenantId,
        title: `Consent for ${customer.name} granted and verified`,
        facts: organizationFacts(outcome.tenantId, outcome.organization),
        notes: ['A token for the tenant proved the consent: m365ops can manage its users now.'],
      };
    case 'awaiting-confirmation':
      return {
        ...base,
        tenantId: outcome.tenantId,
        title: `Consent for ${customer.name} is waiting for an m365ops admin to confirm the tenant`,
        facts: organizationFacts(outcome.tenantId, outcome.organization),
        notes: [
          `${customer.name} had no tenant yet, so this one is not bound until an admin checks that the organisation above is ${possessive(customer.name)}.`,
          `An m365ops admin confirms with \`confirm consent ${customer.id} ${outcome.tenantId}\`.`,
        ],
      };
    case 'confirmed':
      return {
        ...base,
        tenantId: outcome.tenantId,
        title: `${customer.name} is bound to its tenant: consent granted and verified`,
        facts: [
          ...organizationFacts(outcome.tenantId, outcome.organization),
          { label: 'Confirmed by', value: outcome.confirmedBy },
        ],
      };
    case 'wrong-tenant':
      return {
        ...base,
        title: `Consent for ${customer.name} came back from the wrong tenant`,
        facts: [
          { label: 'Tenant in the answer', value: outcome.tenantId },
          {
            label: 'Expected',
            value: outcome.expected ?? `a tenant no other customer has (this one is ${outcome.ownerName ?? 'taken'}'s)`,
          },
        ],
        notes: [
          `Nothing was changed. If the administrator signed in to the wrong organisation, send a new link with \`consent link ${customer.id}\`.`,
        ],
      };
    case 'unverified':
      return {
        ...base,
        title: `Consent for ${customer.name} could not be verified`,
        facts: [{ label: 'Tenant in the answer', value: outcome.tenantId }],
        notes: [
          `Microsoft's redirect said consent was granted, but a token for the tenant did not prove it: ${outcome.reason}`,
          `Nothing was granted. Consent can take a minute to reach every Microsoft server: try \`verify consent ${customer.id}\` shortly.`,
        ],
      };
    case 'denied':
      return {
        ...base,
        title: `${possessive(customer.name)} administrator declined consent (${outcome.error})`,
        facts: [],
        notes: [
          keptNote(outcome.kept) ?? `Send a new link with \`consent link ${customer.id}\` if this was a mistake.`,
        ],
      };
    case 'no-answer':
      return {
        ...base,
        title: `Could not tell whether ${possessive(customer.name)} administrator granted consent`,
        facts: [],
        notes: [keptNote(outcome.kept) ?? `Check with \`verify consent ${customer.id}\` or send a new link.`],
      };
  }
}

function keptNote(kept: Customer['consent']['status'] | undefined): string | undefined {
  if (kept === 'granted') return 'The consent granted earlier still stands; nothing was changed.';
  if (kept === 'awaiting-confirmation') {
    return 'The consent granted earlier still stands and still waits for an admin to confirm its tenant; nothing was changed.';
  }
  return undefined;
}
