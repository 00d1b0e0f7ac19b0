/**
 * Real licence SKUs and the service plans inside them (Microsoft's "product names and service plan identifiers
 * for licensing" table), so the simulator's subscribedSkus read like a real tenant's.
 */

export interface ServicePlan {
  servicePlanId: string;
  servicePlanName: string;
}

export interface CatalogSku {
  skuId: string;
  skuPartNumber: string;
  servicePlans: ServicePlan[];
}

const plans = {
  exchangeStandard: { servicePlanId: '9aaf7827-d63c-4b61-89c3-182f06f82e5c', servicePlanName: 'EXCHANGE_S_STANDARD' },
  exchangeEnterprise: {
    servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
    servicePlanName: 'EXCHANGE_S_ENTERPRISE',
  },
  sharePointStandard: { servicePlanId: 'c7699d2e-19aa-44de-8edf-1736da088ca1', servicePlanName: 'SHAREPOINTSTANDARD' },
  skypeStandard: { servicePlanId: '0feaeb32-d00e-4d66-bd5a-43b5b83db82c', servicePlanName: 'MCOSTANDARD' },
  teams: { servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', servicePlanName: 'TEAMS1' },
  officeBusiness: { servicePlanId: '094e7854-93fc-4d55-b2c0-3ab5369ebdc1', servicePlanName: 'OFFICE_BUSINESS' },
  intune: { servicePlanId: 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5', servicePlanName: 'INTUNE_A' },
  entraP1: { servicePlanId: '41781fb2-bc02-4b7c-bd55-b576c07bb09d', servicePlanName: 'AAD_PREMIUM' },
} satisfies Record<string, ServicePlan>;

export const skuCatalog: CatalogSku[] = [
  {
    skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
    skuPartNumber: 'SPB',
    servicePlans: [
      plans.exchangeStandard,
      plans.sharePointStandard,
      plans.skypeStandard,
      plans.teams,
      plans.officeBusiness,
      plans.intune,
      plans.entraP1,
    ],
  },
  {
    skuId: '3b555118-da6a-4418-894f-7df1e2096870',
    skuPartNumber: 'O365_BUSINESS_ESSENTIALS',
    servicePlans: [plans.exchangeStandard, plans.sharePointStandard, plans.skypeStandard, plans.teams],
  },
  {
    skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3',
    skuPartNumber: 'O365_BUSINESS_PREMIUM',
    servicePlans: [
      plans.exchangeStandard,
      plans.sharePointStandard,
      plans.skypeStandard,
      plans.teams,
      plans.officeBusiness,
    ],
  },
  {
    skuId: '4b9405b0-7788-4568-add1-99614e613b69',
    skuPartNumber: 'EXCHANGESTANDARD',
    servicePlans: [plans.exchangeStandard],
  },
  {
    skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
    skuPartNumber: 'ENTERPRISEPACK',
    servicePlans: [plans.exchangeEnterprise, plans.sharePointStandard, plans.skypeStandard, plans.teams],
  },
];

/** Service plans that give a user an Exchange Online mailbox. */
export const exchangeServicePlanNames = new Set([
  'EXCHANGE_S_STANDARD',
  'EXCHANGE_S_ENTERPRISE',
  'EXCHANGE_S_DESKLESS',
]);

export function findCatalogSku(partNumberOrId: string): CatalogSku | undefined {
  const key = partNumberOrId.toLowerCase();
  return skuCatalog.find((sku) => sku.skuPartNumber.toLowerCase() === key || sku.skuId === key);
}
