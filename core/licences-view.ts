/**
 * `licences <customer|all>` as transports draw it: per SKU of a customer tenant, what was bought, what is assigned,
 * what is free and who holds it by plan (from m365ops's records; the rest are not managed by m365ops); for `all`,
 * one line per customer with its totals, those short of seats flagged.
 */

export interface SkuLicences {
  /** The SKU's part number (SPB) and the name people know it by (Microsoft 365 Business Premium). */
  partNumber: string;
  name: string;
  /** Bought: the subscription's enabled units. */
  purchased: number;
  /** Assigned in the tenant (consumed units), whoever assigned them. */
  assigned: number;
  /** purchased − assigned: below 0 when more are assigned than bought. */
  free: number;
  /** m365ops's active service users holding it, per plan (custom licences count as their own row). */
  byPlan: { planId: string; planName: string; users: number }[];
  /** Assigned but not to a user m365ops manages (never below 0). */
  unmanaged: number;
}

export interface CustomerLicences {
  customerId: string;
  customerName: string;
  /** Why the tenant's licences could not be read (no tenant, no consent, Graph failed); `skus` is then empty. */
  unreadable?: string;
  skus: SkuLicences[];
  /** "business-premium: 25 of 25": plans whose hard limit is reached. */
  plansAtLimit: string[];
  /** A SKU with fewer free than 0, or a plan at its limit. */
  short: boolean;
}

export interface LicencesReply {
  kind: 'licences';
  /** `licences all`: one line per customer; otherwise the one customer in detail. */
  all: boolean;
  customers: CustomerLicences[];
  /** The weekly digest's: seats assigned (a plan moved to counts) and removed since `since` (YYYY-MM-DD). */
  week?: { since: string; assigned: number; removed: number };
}
