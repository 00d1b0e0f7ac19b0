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

export type CsvParse = { ok: true; rows: string[][] } | { ok: false; message: string };

/**
 * Reads CSV text (RFC 4180, also with bare LF line ends and a leading byte-order mark): the records as arrays of
 * fields, blank lines left out. Text that is not CSV (binary bytes, a quote never closed) is refused with where.
 */
export function parseCsv(text: string): CsvParse {
  const body = text.replace(/^\uFEFF/, '');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL bytes are what marks a binary file.
  if (/\u0000/.test(body)) return { ok: false, message: 'It holds binary data, so it is not a CSV file.' };
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0]!.trim() !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
    } else field += char;
  }
  if (quoted) return { ok: false, message: `The quote opened on line ${quoteLine} is never closed, so it is not CSV.` };
  if (field !== '' || row.length > 0) endRow();
  return { ok: true, rows };
}
