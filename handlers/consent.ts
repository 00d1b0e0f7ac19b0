/**
 * Admin consent (design §1, the communications platform's integration): a signed, expiring link for the customer's
 * administrator; the redirect records granted, denied or "could not tell" with the tenant it names; verifyConsent
 * proves it with a token and a Graph read (the redirect's tenant alone is not to be trusted).
 */
import { M365Error } from '../m365/errors';
import type { Customer } from '../store/types';
import { recordAudit } from './audit';
import { renderConsentPage } from './consent-page';
import { readConsentState, signConsentState } from './consent-state';
import type { HandlerDeps } from './deps';
import { fail } from './errors';
import type { ConsentCallbackPage } from './handlers';
import type { ConsentLinkReply, ResultReply } from './reply';
import type { Command } from './request';
import { getCustomer } from './resolve-customer';
import type { Invocation } from './runtime';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const deniedErrors = new Set(['access_denied', 'permission_denied', 'consent_required']);

export async function consentLink(
  invocation: Invocation,
  command: Extract<Command, { name: 'consent-link' }>,
): Promise<ConsentLinkReply> {
  const { rt, request } = invocation;
  const customer = await getCustomer(invocation, command.customerId);
  const now = rt.clock.now();
  const expiresAt = new Date(now.getTime() + rt.settings.consentLinkTtlMs);
  const state = signConsentState(
    { customerId: customer.id, requestedBy: request.context.identity, expiresAt: expiresAt.getTime() },
    rt.settings.consentSigningKey,
  );
  const url = rt.gateway.adminConsentUrl({
    tenant: customer.tenantId ?? 'organizations',
    redirectUri: `${rt.settings.publicUrl.replace(/\/+$/, '')}/consent/callback`,
    state,
  });
  const granted = customer.consent.status === 'granted';
  await rt.store.customers.update(customer.id, {
    consent: {
      ...customer.consent,
      status: granted ? 'granted' : 'pending',
      requestedBy: request.context.identity,
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
  };
}

export async function handleConsentCallback(
  deps: HandlerDeps,
  query: Record<string, string | undefined>,
): Promise<ConsentCallbackPage> {
  const check = readConsentState(query.state, deps.settings.consentSigningKey, deps.clock.now());
  if (!check.ok && check.reason === 'expired') {
    return renderConsentPage(400, 'This consent link has expired', [
      'This consent link has expired; ask your provider for a new one.',
    ]);
  }
  const customer = check.ok ? await deps.store.customers.get(check.claims.customerId) : null;
  if (!check.ok || !customer) {
    deps.logger.warn({ hasState: Boolean(query.state) }, 'consent callback with a state we did not sign');
    return renderConsentPage(400, 'This consent link is not valid', [
      'This consent link is not valid: it was not made by your provider, or it was changed. Ask your provider for a new one.',
    ]);
  }
  const { claims } = check;
  const now = deps.clock.now();
  const audit = (result: 'ok' | 'failed', details: Record<string, unknown>, tenantId?: string) =>
    deps.store.audit.append({
      actor: 'customer administrator',
      where: 'consent callback',
      customerId: customer.id,
      tenantId: tenantId ?? customer.tenantId,
      action: 'consent-callback',
      target: customer.id,
      result,
      details: { requestedBy: claims.requestedBy, ...details },
    });

  if (query.error) {
    const description = query.error_description?.slice(0, 500);
    const detail = [query.error, query.error_subcode, description].filter(Boolean).join(': ');
    const status = deniedErrors.has(query.error) ? 'denied' : 'unknown';
    await deps.store.customers.update(customer.id, {
      consent: { ...customer.consent, status, requestedBy: claims.requestedBy, at: now, detail },
    });
    await audit('failed', { consent: status, error: query.error, errorDescription: description });
    return renderConsentPage(200, 'Permissions were not granted', [
      `You did not grant m365ops access to ${customer.name}'s Microsoft 365 (${query.error}).`,
      ...(description ? [`Microsoft said: ${description}`] : []),
      'Nothing has changed in your organization. If this was a mistake, ask your provider for a new link.',
    ]);
  }

  const tenantId = query.tenant?.toLowerCase();
  if (query.admin_consent?.toLowerCase() === 'true' && tenantId && guidPattern.test(tenantId)) {
    const owner = await deps.store.customers.findByTenantId(tenantId);
    const clash =
      (customer.tenantId && customer.tenantId.toLowerCase() !== tenantId) || (owner && owner.id !== customer.id);
    if (clash) {
      await deps.store.customers.update(customer.id, {
        consent: {
          ...customer.consent,
          status: 'unknown',
          tenantId,
          requestedBy: claims.requestedBy,
          at: now,
          detail: `Consent came from tenant ${tenantId}, which is not ${customer.name}'s tenant.`,
        },
      });
      await audit('failed', { consent: 'unknown', reason: 'tenant mismatch', consentTenantId: tenantId });
      return renderConsentPage(200, 'Thank you', [
        'Your consent was received, but it came from a different Microsoft 365 organization than the one your provider expected.',
        'Your provider will check it with you.',
      ]);
    }
    const changes: Partial<Customer> = {
      consent: { status: 'granted', tenantId, requestedBy: claims.requestedBy, at: now },
    };
    if (!customer.tenantId) changes.tenantId = tenantId;
    await deps.store.customers.update(customer.id, changes);
    await audit('ok', { consent: 'granted' }, tenantId);
    return renderConsentPage(200, 'Thank you: access granted', [
      `You granted m365ops access to ${customer.name}'s Microsoft 365. Your provider can now manage your users.`,
      'You can close this page.',
    ]);
  }

  await deps.store.customers.update(customer.id, {
    consent: {
      ...customer.consent,
      status: 'unknown',
      requestedBy: claims.requestedBy,
      at: now,
      detail: 'The sign-in page came back without saying whether consent was granted.',
    },
  });
  await audit('failed', { consent: 'unknown' });
  return renderConsentPage(200, 'We could not tell whether access was granted', [
    'Microsoft sent you back without saying whether you granted access.',
    'Your provider will check it; you can close this page.',
  ]);
}

export async function verifyConsent(
  invocation: Invocation,
  command: Extract<Command, { name: 'verify-consent' }>,
): Promise<ResultReply> {
  const { rt } = invocation;
  const customer = await getCustomer(invocation, command.customerId);
  const tenantId = customer.tenantId ?? customer.consent.tenantId;
  if (!tenantId) {
    throw fail(
      'no-tenant',
      `${customer.name} has no tenant yet: its administrator has not used a consent link; send one with \`consent link ${customer.id}\`.`,
    );
  }
  const now = rt.clock.now();
  try {
    const proof = await rt.gateway.verifyConsent(tenantId);
    const changes: Partial<Customer> = {
      consent: { ...customer.consent, status: 'granted', tenantId, verifiedAt: now, detail: undefined },
    };
    if (!customer.tenantId) changes.tenantId = tenantId;
    await rt.store.customers.update(customer.id, changes);
    const audit = await recordAudit(invocation, {
      action: 'verify-consent',
      result: 'ok',
      target: customer.id,
      details: { roles: proof.roles },
    });
    return {
      kind: 'result',
      title: `${customer.name} has granted consent`,
      facts: [
        { label: 'Tenant', value: `${proof.organization.displayName} (${tenantId})` },
        { label: 'Permissions', value: proof.roles.join(', ') },
      ],
      customerId: customer.id,
      customerName: customer.name,
      tenantId,
      auditId: audit.id,
    };
  } catch (error) {
    if (!(error instanceof M365Error)) throw error;
    if (error.code === 'consent-missing' || error.code === 'tenant-not-found') {
      await rt.store.customers.update(customer.id, {
        consent: {
          ...customer.consent,
          status: customer.consent.status === 'granted' ? 'unknown' : customer.consent.status,
          detail: error.message,
        },
      });
      throw fail(
        'consent-missing',
        `${customer.name}'s consent is missing: ${error.message} Send its administrator a new link with \`consent link ${customer.id}\`.`,
      );
    }
    throw error;
  }
}
