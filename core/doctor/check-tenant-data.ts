/**
 * What a customer's tenant holds that m365ops builds on: verified domains (the customer is found from a UPN's
 * domain) and, for each plan the customer may use, the licences it is made of, bought and with free units.
 */
import type { TenantClient, TenantSku } from '../../m365/types';
import type { Customer, Plan } from '../../store/types';
import { possessive } from '../words';
import { type DoctorRow, fail, ok, warn } from './doctor-row';
import { failedCallRow } from './token-failure';

export async function domainRows(tenant: TenantClient, subject: string): Promise<DoctorRow> {
  try {
    const verified = (await tenant.listDomains()).filter((domain) => domain.isVerified).map((domain) => domain.id);
    if (verified.length === 0) {
      return fail(
        'Domains',
        'The tenant has no verified domain, so no UPN can name this customer.',
        "Verify a domain in the customer's Microsoft 365 admin center.",
        subject,
      );
    }
    return ok('Domains', `${verified.length} verified: ${verified.join(', ')}.`, subject);
  } catch (error) {
    return failedCallRow('Domains', error, { customerId: subject, subject });
  }
}

export async function licenceRows(
  tenant: TenantClient,
  customer: Customer,
  plans: readonly Plan[],
): Promise<DoctorRow[]> {
  const subject = customer.id;
  let skus: TenantSku[];
  try {
    skus = await tenant.listSkus();
  } catch (error) {
    return [failedCallRow('Licences', error, { customerId: customer.id, subject })];
  }
  const byPart = new Map(skus.map((sku) => [sku.skuPartNumber.toUpperCase(), sku]));
  const rows: DoctorRow[] = [];
  const used: string[] = [];
  for (const { planId } of customer.plans) {
    const plan = plans.find((candidate) => candidate.id === planId);
    if (!plan) continue;
    const missing = plan.skus.filter((part) => !byPart.has(part.toUpperCase()));
    if (missing.length > 0) {
      rows.push(
        fail(
          'Licences',
          `The plan ${plan.id} needs ${missing.join(', ')}, which ${possessive(customer.name)} tenant has not bought: add user and change plan to ${plan.id} are refused.`,
          `Buy ${missing.join(', ')} in the customer's tenant, or take ${plan.id} off the customer in the config file.`,
          subject,
        ),
      );
      continue;
    }
    for (const part of plan.skus) {
      const sku = byPart.get(part.toUpperCase())!;
      used.push(`${sku.skuPartNumber} ${sku.consumedUnits} of ${sku.enabledUnits}`);
      if (sku.availableUnits === 0) {
        rows.push(
          warn(
            'Licences',
            `No ${sku.skuPartNumber} licence is free (${sku.consumedUnits} of ${sku.enabledUnits} used): adding a user on ${plan.id} is refused until one is.`,
            `Buy more ${sku.skuPartNumber} in the customer's tenant, or free one.`,
            subject,
          ),
        );
      }
    }
  }
  if (rows.length === 0) {
    const sentence =
      used.length > 0
        ? `Every plan's licences are bought, with some free: ${[...new Set(used)].join(', ')} used.`
        : `${customer.name} has no plan enabled yet.`;
    rows.push(ok('Licences', sentence, subject));
  }
  return rows;
}
