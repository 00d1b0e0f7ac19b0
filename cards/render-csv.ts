/**
 * A reply's table as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, a quote or
 * a line break). Text from people is data, not a formula: a cell starting with = + - @ (or a tab or carriage return)
 * gets a leading apostrophe, so a spreadsheet opening the export does not run it (OWASP "CSV injection").
 */
import type { ReplyTable } from '../core/reply';

export function renderCsv(table: ReplyTable): string {
  return [table.columns, ...table.rows]
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')
    .concat('\r\n');
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
