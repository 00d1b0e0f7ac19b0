/** A bulk row as the command it runs: the same use case, authorisation and audit as if it had been typed. */
import type { OffboardOptionName } from '../offboarding/options';
import type { Command } from '../request';
import type { BulkRow } from './bulk-csv';

/** The command of a row without errors; `customerId` is the row's customer, else the batch's. */
export function commandOfRow(row: BulkRow, customerId: string | undefined): Command {
  const customer = row.customerId ?? customerId;
  const where = customer ? { customerId: customer } : {};
  const upn = row.upn ?? '';
  switch (row.action) {
    case 'add':
      return addCommand(row, where);
    case 'change-plan':
      return { name: 'change-plan', upn, planId: row.planId ?? '', ...where };
    case 'remove':
      return { name: 'remove-user', upn, delete: row.options.includes('delete'), ...where, confirmed: true };
    case 'offboard':
      return { name: 'offboard', upn, options: row.options as OffboardOptionName[], ...where, confirmed: true };
    default:
      return {
        name: 'grant-admin',
        upn,
        ...where,
        ...(row.durationMinutes ? { durationMinutes: row.durationMinutes } : {}),
        ...(row.reason ? { reason: row.reason } : {}),
        confirmed: true,
      };
  }
}

function addCommand(row: BulkRow, where: { customerId?: string }): Command {
  const common = {
    planId: row.planId ?? '',
    admin: row.options.includes('admin'),
    aliases: row.aliases,
    ...(row.location ? { usageLocation: row.location } : {}),
    ...where,
    confirmed: true,
  };
  if (!row.upn) return { name: 'add-user-named', displayName: row.displayName ?? '', ...common };
  return { name: 'add-user', upn: row.upn, ...(row.displayName ? { displayName: row.displayName } : {}), ...common };
}

/** "add jane@contoso.com", "add Jane Doe": how the preview and the results name a row. */
export function describeRow(row: BulkRow): string {
  return `${row.action ?? (row.actionText || '(no action)')} ${row.upn ?? row.displayName ?? '(no user)'}`;
}

/** The template `bulk template` sends: every column, and two rows to copy. */
export const bulkTemplateRows: string[][] = [
  ['action', 'upn', 'displayName', 'plan', 'location', 'aliases', 'customer', 'options', 'for', 'reason'],
  ['add', 'jane.doe@contoso.com', 'Jane Doe', 'business-premium', 'GB', 'j.doe@contoso.com', 'contoso', '', '', ''],
  ['change-plan', 'john.smith@contoso.com', '', 'business-basic', '', '', 'contoso', '', '', ''],
];
