/** Plans as templates for a user (issue 15): the licences and what a new user on the plan also gets. */
/** How a plan derives a new user's UPN from the display name: Jane Doe → jane.doe, j.doe, janed, jane. */
export type UsernameFormat = 'first.last' | 'f.last' | 'firstl' | 'first';
export const usernameFormats: readonly UsernameFormat[] = ['first.last', 'f.last', 'firstl', 'first'];

/** Exchange's names for the two mailbox permissions a plan may grant on a shared mailbox. */
export type MailboxAccess = 'FullAccess' | 'SendAs';

export interface SharedMailboxGrant {
  /** The shared mailbox's address in the customer's tenant. */
  mailbox: string;
  access: MailboxAccess[];
}

/**
 * Service-provider level: a plan is a template for a user. Its licence SKUs (by skuPartNumber, resolved per tenant)
 * and, optionally, what a new user on it also gets. Optional fields are absent when the plan does not set them.
 */
export interface Plan {
  id: string;
  name: string;
  skus: string[];
  /** skuPartNumber -> service plan names to switch off. */
  disabledPlans: Record<string, string[]>;
  /** Groups to join: display names or object ids, resolved in each customer's tenant. */
  groups?: string[];
  usernameFormat?: UsernameFormat;
  /** The default domain of derived UPNs (a customer's own `CustomerPlan.domain` wins). */
  domain?: string;
  /** ISO 3166 alpha-2; the customer's default applies when absent. */
  usageLocation?: string;
  sharedMailboxes?: SharedMailboxGrant[];
  createdAt: Date;
  updatedAt: Date;
}

export interface CustomerPlan {
  planId: string;
  /** Hard limit of service users on this plan for this customer; absent = no limit. */
  limit?: number;
  /** This customer's domain for the plan's derived UPNs (`customers[].plans.<id>.domain`). */
  domain?: string;
}
