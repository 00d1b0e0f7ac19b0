/**
 * The one CSV writer of every file m365ops writes (RFC 4180: comma-separated, CRLF line ends, a field quoted when it
 * holds a comma, a quote or a line break, its quotes doubled). Text from people and tenants is data, not a formula:
 * a cell starting with = + - @, a tab or a carriage return is quoted with a leading apostrophe inside the quotes, so
 * a spreadsheet opening the file shows it instead of running it (OWASP "CSV injection").
 */

/** The rows (the header first) as one CSV text, each line ended by CRLF. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

export function csvCell(value: string): string {
  if (/^[=+\-@\t\r]/.test(value)) return quote(`'${value}`);
  return /[",\r\n]/.test(value) ? quote(value) : value;
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}
