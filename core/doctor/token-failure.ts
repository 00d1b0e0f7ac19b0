/** A failure to sign in or call Microsoft, as a doctor row: Microsoft's own sentence, and what to do about it. */
import { asCodedError } from '../../common/coded-error';
import { type DoctorRow, fail, warn } from './doctor-row';

/** What to do about a failed call to Microsoft, by its M365Error code. */
function fixFor(code: string, where: { customerId?: string; tenantSetting?: string }): string {
  switch (code) {
    case 'bad-credentials':
      return 'Check M365_CLIENT_ID and M365_CLIENT_SECRET (the secret’s value, not its id); a secret expires, so make a new one under the app’s Certificates & secrets when it has.';
    case 'tenant-not-found':
      return where.customerId
        ? `Check ${where.customerId}'s tenant id in the config file or its consent.`
        : `Check ${where.tenantSetting ?? 'the tenant id'}.`;
    case 'consent-missing':
      return where.customerId
        ? `Send the customer's administrator a new consent link: \`consent link ${where.customerId}\`.`
        : 'Grant the app its permissions in your own tenant, or check that M365_CLIENT_ID names the app registered there.';
    case 'unavailable':
    case 'throttled':
      return 'Check the network path to Microsoft (M365_LOGIN_URL, M365_GRAPH_URL, M365_EXCHANGE_URL) and run the doctor again.';
    default:
      return 'The log has the details; run the doctor again, and if it fails the same way, follow docs/setup.md step by step.';
  }
}

/** ❌ for what is broken; ⚠️ for what may pass by itself (a network failure, throttling). */
export function failedCallRow(
  check: string,
  error: unknown,
  where: { customerId?: string; tenantSetting?: string; subject?: string },
): DoctorRow {
  const coded = asCodedError(error);
  const fix = fixFor(coded.code, where);
  const passing = coded.code === 'unavailable' || coded.code === 'throttled';
  return passing ? warn(check, coded.message, fix, where.subject) : fail(check, coded.message, fix, where.subject);
}
