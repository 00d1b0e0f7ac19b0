/**
 * GET /consent/callback: Entra's admin-consent redirect, which anyone holding a link can forge. So the state must be
 * ours, unexpired and unused (its nonce is consumed once); the tenant it names is believed only when a token for it
 * proves consent; a customer's known tenant is the only one it takes; a customer without one waits for an m365ops
 * admin to confirm the organisation; and a denial never undoes a grant. The requester is told what came of it.
 */

import type { ConsentCallbackPage } from '../core/m365ops-port';
import type { Runtime } from '../core/runtime';
import { possessive } from '../core/words';
import { M365Error } from '../m365/errors';
import type { ConsentProof } from '../m365/types';
import type { ConsentLink, ConsentState, Customer } from '../store/types';
import { standingStatuses } from './consent';
import { type ConsentOutcome, tellRequester, updateLinkCard, verifiedDomainNames } from './consent-outcome';
import { renderConsentPage } from './consent-page';
import { readConsentState } from './consent-state';

type Query = Record<string, string | undefined>;

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const deniedErrors = new Set(['access_denied', 'permission_denied', 'consent_required']);

/** One callback whose link was ours and unused: what every outcome needs. */
interface Callback {
  runtime: Runtime;
  customer: Customer;
  link: ConsentLink;
  now: Date;
}

export async function handleConsentCallback(runtime: Runtime, query: Query): Promise<ConsentCallbackPage> {
  const now = runtime.clock.now();
  const check = readConsentState(query.state, runtime.settings.consentSigningKey, now);
  if (!check.ok && check.reason === 'expired') {
    return renderConsentPage(400, 'This consent link has expired', [
      'This consent link has expired; ask your provider for a new one.',
    ]);
  }
  const used = check.ok ? await runtime.store.consentLinks.consume(check.claims.nonce, now) : null;
  const customer = used ? await runtime.store.customers.get(used.link.customerId) : null;
  if (!check.ok || !used || !customer || used.link.customerId !== check.claims.customerId) {
    runtime.logger.warn({ hasState: Boolean(query.state) }, 'consent callback with a state we did not sign or record');
    return renderConsentPage(400, 'This consent link is not valid', [
      'This consent link is not valid: it was not made by your provider, or it was changed. Ask your provider for a new one.',
    ]);
  }
  if (!used.won) {
    runtime.logger.warn(
      { customerId: customer.id, usedAt: used.link.usedAt },
      'consent callback replayed a used state',
    );
    await audit({ runtime, customer, link: used.link, now }, 'refused', { reason: 'link used already' });
    return renderConsentPage(400, 'This consent link has been used already', [
      'This consent link has been used already, and each link works once.',
      'If you still need to grant access, ask your provider for a new link.',
    ]);
  }
  const callback: Callback = { runtime, customer, link: used.link, now };
  if (query.error) return recordRefusal(callback, query, query.error);
  const tenantId = query.tenant?.toLowerCase();
  if (query.admin_consent?.toLowerCase() === 'true' && tenantId && guidPattern.test(tenantId)) {
    return recordGrant(callback, tenantId);
  }
  return recordNoAnswer(callback);
}

async function recordGrant(callback: Callback, tenantId: string): Promise<ConsentCallbackPage> {
  const { runtime, customer } = callback;
  const owner = await runtime.store.customers.findByTenantId(tenantId);
  const expected = customer.tenantId?.toLowerCase();
  if ((expected && expected !== tenantId) || (owner && owner.id !== customer.id)) {
    await audit(callback, 'failed', { reason: 'wrong tenant', consentTenantId: tenantId });
    await tell(callback, { kind: 'wrong-tenant', tenantId, expected, ownerName: owner?.name });
    return renderConsentPage(200, 'Thank you', [
      'Your consent was received, but it came from a different Microsoft 365 organization than the one your provider expected, so nothing was changed.',
      'Your provider will check it with you.',
    ]);
  }
  const proof = await proveConsent(callback, tenantId);
  if (!proof.ok) return proof.page;
  const { organization } = proof.proof;
  const domains = verifiedDomainNames(organization);
  const status = customer.tenantId ? 'granted' : 'awaiting-confirmation';
  await updateConsent(callback, {
    status,
    tenantId,
    verifiedAt: callback.now,
    organization: { displayName: organization.displayName, verifiedDomains: domains },
  });
  await audit(callback, 'ok', { consent: status, roles: proof.proof.roles }, tenantId);
  if (status === 'granted') {
    await tell(callback, { kind: 'verified', tenantId, organization });
    return renderConsentPage(200, 'Thank you: access granted', [
      `You granted m365ops access to ${possessive(customer.name)} Microsoft 365 (${organization.displayName}). Your provider can now manage your users.`,
      'You can close this page.',
    ]);
  }
  await tell(callback, { kind: 'awaiting-confirmation', tenantId, organization });
  return renderConsentPage(200, 'Thank you: consent received', [
    `You granted m365ops access to the Microsoft 365 organization ${organization.displayName} (tenant ${tenantId}).`,
    `Its verified domains: ${domains.join(', ') || 'none'}.`,
    `Your provider will confirm that this is ${possessive(customer.name)} organization before managing it. You can close this page.`,
  ]);
}

/** A token for the tenant and its organisation, or the page that says it could not be proven (nothing granted). */
async function proveConsent(
  callback: Callback,
  tenantId: string,
): Promise<{ ok: true; proof: ConsentProof } | { ok: false; page: ConsentCallbackPage }> {
  let reason: string;
  try {
    const proof = await callback.runtime.gateway.verifyConsent(tenantId);
    if (proof.organization.id.toLowerCase() === tenantId) return { ok: true, proof };
    reason = `the tenant answered as organisation ${proof.organization.id}.`;
  } catch (error) {
    if (!(error instanceof M365Error)) throw error;
    reason = error.message;
  }
  const { customer } = callback;
  if (!customer.tenantId && !standingStatuses.has(customer.consent.status)) {
    // Kept so that `verify consent` can try this tenant again; it binds nothing by itself.
    await updateConsent(callback, { status: 'unknown', tenantId, detail: `Not verified yet: ${reason}` });
  }
  await audit(callback, 'failed', { reason: 'not verified', consentTenantId: tenantId, error: reason });
  await tell(callback, { kind: 'unverified', tenantId, reason });
  return {
    ok: false,
    page: renderConsentPage(200, 'We could not confirm access yet', [
      'Microsoft sent you back saying access was granted, but m365ops could not confirm it with your organization yet.',
      'Nothing has been granted on the strength of this page alone. Your provider will check it; you can close this page.',
    ]),
  };
}

async function recordRefusal(callback: Callback, query: Query, error: string): Promise<ConsentCallbackPage> {
  const { customer } = callback;
  const description = query.error_description?.slice(0, 500);
  const detail = [error, query.error_subcode, description].filter(Boolean).join(': ');
  const status = deniedErrors.has(error) ? 'denied' : 'unknown';
  const kept = standingStatuses.has(customer.consent.status) ? customer.consent.status : undefined;
  if (!kept) await updateConsent(callback, { status, detail });
  await audit(callback, 'failed', { consent: kept ?? status, error, errorDescription: description });
  await tell(callback, { kind: 'denied', error: error.slice(0, 100), kept });
  return renderConsentPage(200, 'Permissions were not granted', [
    `You did not grant m365ops access to ${possessive(customer.name)} Microsoft 365 (${error}).`,
    ...(description ? [`Microsoft said: ${description}`] : []),
    'Nothing has changed in your organization. If this was a mistake, ask your provider for a new link.',
  ]);
}

async function recordNoAnswer(callback: Callback): Promise<ConsentCallbackPage> {
  const { customer } = callback;
  const kept = standingStatuses.has(customer.consent.status) ? customer.consent.status : undefined;
  if (!kept) {
    await updateConsent(callback, {
      status: 'unknown',
      detail: 'The sign-in page came back without saying whether consent was granted.',
    });
  }
  await audit(callback, 'failed', { consent: kept ?? 'unknown' });
  await tell(callback, { kind: 'no-answer', kept });
  return renderConsentPage(200, 'We could not tell whether access was granted', [
    'Microsoft sent you back without saying whether you granted access.',
    'Your provider will check it; you can close this page.',
  ]);
}

/** Replaces the customer's consent state with what this callback found, naming the link's requester. */
async function updateConsent(callback: Callback, found: Partial<ConsentState>): Promise<void> {
  const { runtime, customer, link, now } = callback;
  const consent: ConsentState = {
    ...customer.consent,
    requestedBy: link.requestedBy,
    requestedIn: link.conversation,
    at: now,
    detail: undefined,
    ...found,
  };
  await runtime.store.customers.update(customer.id, { consent });
}

function audit(
  { runtime, customer, link }: Callback,
  result: 'ok' | 'failed' | 'refused',
  details: Record<string, unknown>,
  tenantId?: string,
) {
  return runtime.store.audit.append({
    actor: 'customer administrator',
    where: 'consent callback',
    customerId: customer.id,
    tenantId: tenantId ?? customer.tenantId,
    action: 'consent-callback',
    target: customer.id,
    result,
    details: { requestedBy: link.requestedBy, ...details },
  });
}

/** The requester hears it in the chat where they asked, and the link's card there says it in place. */
async function tell(callback: Callback, outcome: ConsentOutcome): Promise<void> {
  const { runtime, link, customer } = callback;
  await tellRequester(runtime, link.conversation, customer, outcome);
  await updateLinkCard(runtime, link, customer, outcome);
}
