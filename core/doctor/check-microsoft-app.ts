/**
 * The Graph app itself, before any customer: a token from Microsoft sign-in in the MSP's own tenant (where the app
 * is registered, so it exists there whatever the customers did) proves M365_CLIENT_ID and M365_CLIENT_SECRET.
 */
import type { M365Gateway } from '../../m365/types';
import { type DoctorCheck, ok, warn } from './doctor-row';
import { failedCallRow } from './token-failure';

export interface MicrosoftAppFacts {
  /** M365_CLIENT_ID; absent with the built-in simulator (nothing real to check). */
  clientId?: string;
  /** M365_TENANT_ID, or the bot's MicrosoftAppTenantId. */
  mspTenantId?: string;
}

const check = 'Graph app';

export function microsoftAppCheck(gateway: M365Gateway, facts: MicrosoftAppFacts): DoctorCheck {
  return {
    check,
    async run() {
      if (!facts.clientId) return [];
      if (!facts.mspTenantId) {
        return [
          warn(
            check,
            'M365_TENANT_ID is not set, so the Graph app’s credentials are checked only through the customers’ tenants below.',
            'Set M365_TENANT_ID to your own Entra tenant id, where the Graph app is registered.',
          ),
        ];
      }
      try {
        await gateway.readAppRoles(facts.mspTenantId, 'graph');
      } catch (error) {
        return [failedCallRow(check, error, { tenantSetting: 'M365_TENANT_ID' })];
      }
      return [
        ok(
          check,
          `The app ${facts.clientId} signs in to your tenant ${facts.mspTenantId}: its id and secret are good.`,
        ),
      ];
    },
  };
}
