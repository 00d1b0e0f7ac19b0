import { consumedUnits } from '../state/directory';
import { notFound } from '../state/graph-fault';
import type { SimTenant } from '../state/tenant-state';
import { contextUrl, type GraphContext, type GraphJson, type GraphRequest, type GraphRoute, ok } from './graph-types';

/** `/subscribedSkus` (units enabled and consumed), `/domains` and `/organization` (verified domains). */

function skuJson(tenant: SimTenant, sku: SimTenant['skus'][number]): GraphJson {
  return {
    accountName: tenant.displayName,
    accountId: tenant.id,
    appliesTo: 'User',
    capabilityStatus: 'Enabled',
    consumedUnits: consumedUnits(tenant, sku.skuId),
    id: sku.id,
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [sku.subscriptionId],
    prepaidUnits: { enabled: sku.units, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: sku.servicePlans.map((plan) => ({
      servicePlanId: plan.servicePlanId,
      servicePlanName: plan.servicePlanName,
      provisioningStatus: 'Success',
      appliesTo: 'User',
    })),
  };
}

function domainJson(domain: SimTenant['domains'][number]): GraphJson {
  return {
    authenticationType: 'Managed',
    availabilityStatus: null,
    id: domain.name,
    isAdminManaged: true,
    isDefault: domain.isDefault,
    isInitial: domain.isInitial,
    isRoot: true,
    isVerified: domain.isVerified,
    supportedServices: domain.isVerified ? ['Email', 'OfficeCommunicationsOnline'] : [],
    passwordValidityPeriodInDays: 2147483647,
    passwordNotificationWindowInDays: 14,
  };
}

function organizationJson(tenant: SimTenant): GraphJson {
  return {
    id: tenant.id,
    displayName: tenant.displayName,
    tenantType: 'AAD',
    countryLetterCode: 'US',
    preferredLanguage: 'en',
    verifiedDomains: tenant.domains
      .filter((domain) => domain.isVerified)
      .map((domain) => ({
        capabilities: domain.isInitial ? 'Email, OfficeCommunicationsOnline' : 'Email',
        isDefault: domain.isDefault,
        isInitial: domain.isInitial,
        name: domain.name,
        type: 'Managed',
      })),
  };
}

function pick(json: GraphJson, request: GraphRequest): GraphJson {
  const select = request.query.get('$select');
  if (!select) return json;
  return Object.fromEntries(select.split(',').map((name) => [name.trim(), json[name.trim()] ?? null]));
}

function listOf(context: GraphContext, fragment: string, items: GraphJson[], request: GraphRequest) {
  return ok({ '@odata.context': contextUrl(context, fragment), value: items.map((item) => pick(item, request)) });
}

export const organizationRoutes: GraphRoute[] = [
  {
    method: 'GET',
    pattern: /^\/subscribedSkus$/,
    name: 'GET /subscribedSkus',
    permission: 'read-organization',
    handle: (context, request) =>
      listOf(
        context,
        'subscribedSkus',
        context.tenant.skus.map((sku) => skuJson(context.tenant, sku)),
        request,
      ),
  },
  {
    method: 'GET',
    pattern: /^\/domains$/,
    name: 'GET /domains',
    permission: 'read-domains',
    handle: (context, request) => listOf(context, 'domains', context.tenant.domains.map(domainJson), request),
  },
  {
    method: 'GET',
    pattern: /^\/domains\/([^/]+)$/,
    name: 'GET /domains/{id}',
    permission: 'read-domains',
    handle: (context, request, match) => {
      const domain = context.tenant.domains.find((candidate) => candidate.name === match[1]?.toLowerCase());
      if (!domain) throw notFound(match[1] as string);
      return ok({ '@odata.context': contextUrl(context, 'domains/$entity'), ...pick(domainJson(domain), request) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/organization$/,
    name: 'GET /organization',
    permission: 'read-organization',
    handle: (context, request) => listOf(context, 'organization', [organizationJson(context.tenant)], request),
  },
];
