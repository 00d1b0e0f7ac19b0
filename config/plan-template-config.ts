/**
 * The template parts of a plan in the YAML (design §9): groups to join, the username format and domain, the usage
 * location and shared-mailbox grants; and a customer's own domain for a plan. Whether the groups exist in each
 * customer's tenant is checked where the tenants are reachable (bot/server, core/plan-templates).
 *
 * ```yaml
 * plans:
 *   - id: business-premium
 *     groups: ["Sales", "All Staff"]
 *     usernameFormat: first.last
 *     domain: contoso.com
 *     usageLocation: GB
 *     sharedMailboxes: [{ mailbox: sales.team@contoso.com, access: [FullAccess] }]
 * customers:
 *   - id: contoso
 *     plans: { business-premium: { limit: 25, domain: contoso.co.uk } }
 * ```
 */
import { z } from 'zod';
import { checkAddressSyntax, isDomainName } from '../core/addresses';
import { isUsageLocation } from '../core/usage-location-codes';
import { type MailboxAccess, type UsernameFormat, usernameFormats } from '../store/types';

const mailboxAccess: readonly MailboxAccess[] = ['FullAccess', 'SendAs'];

export const domainSchema = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .refine(isDomainName, 'a domain name such as contoso.com');

const sharedMailboxSchema = z.strictObject({
  mailbox: z
    .string()
    .refine((value) => checkAddressSyntax(value).ok, 'a mailbox address such as sales.team@contoso.com')
    .transform((value) => value.trim().toLowerCase()),
  access: z
    .array(z.enum(mailboxAccess as [MailboxAccess, ...MailboxAccess[]], { message: 'FullAccess or SendAs' }))
    .min(1, 'at least one of FullAccess, SendAs')
    .transform((access) => [...new Set(access)]),
});

export const planTemplateFields = {
  groups: z
    .array(z.string().trim().min(1, 'a group display name or object id'))
    .transform((groups) => [...new Set(groups)])
    .optional(),
  usernameFormat: z
    .enum(usernameFormats as [UsernameFormat, ...UsernameFormat[]], {
      message: `one of ${usernameFormats.join(', ')}`,
    })
    .optional(),
  domain: domainSchema.optional(),
  usageLocation: z
    .string()
    .refine(isUsageLocation, 'a two-letter country code (ISO 3166) such as GB, US or DE')
    .transform((code) => code.toUpperCase())
    .optional(),
  sharedMailboxes: z.array(sharedMailboxSchema).optional(),
};

/** Problems a plan's schema cannot see alone: service plans to disable in a SKU the plan does not have. */
export function checkPlanTemplate(plan: { id: string; skus: string[]; disabledPlans: Record<string, string[]> }) {
  return Object.keys(plan.disabledPlans)
    .filter((sku) => !plan.skus.includes(sku))
    .map(
      (sku) =>
        `plan "${plan.id}" disables service plans in ${sku}, which is not one of its skus (${plan.skus.join(', ')})`,
    );
}
