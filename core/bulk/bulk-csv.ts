/**
 * A bulk CSV read and checked row by row (design §9): the whole file is refused when it is not CSV, too big, has no
 * header or names a column m365ops does not know; a row with a wrong value is kept with its errors, each naming
 * the row (the file's line, the header being 1) and the column, so the preview lists them instead of failing.
 */
import { parseCsv } from '../../common/csv';
import { checkAddressSyntax } from '../addresses';
import { parseDuration } from '../duration';
import { fail } from '../errors';
import { describeTooLong, inputLimits } from '../input-limits';
import { isOffboardOption, valuedOffboardOptions } from '../offboarding/options';
import { formatCount } from '../words';

export const bulkActions = ['add', 'change-plan', 'remove', 'offboard', 'grant-admin'] as const;
export type BulkAction = (typeof bulkActions)[number];

/** The columns as design §9 names them; a file may write them in any case and order. */
export const bulkColumns = [
  'action',
  'upn',
  'displayName',
  'plan',
  'location',
  'aliases',
  'customer',
  'options',
  'for',
  'reason',
] as const;
export type BulkColumn = (typeof bulkColumns)[number];

export const bulkLimits = { bytes: 5 * 1024 * 1024, rows: 5000 } as const;

export interface BulkRow {
  /** The file's line of the row (the header is row 1). */
  row: number;
  /** The action as written (shown even when it is not one). */
  actionText: string;
  action?: BulkAction;
  upn?: string;
  displayName?: string;
  planId?: string;
  location?: string;
  aliases: string[];
  customerId?: string;
  /** add: `admin`; remove: `delete`; offboard: its options without values. */
  options: string[];
  durationMinutes?: number;
  reason?: string;
  /** What is wrong with the row, each naming its column; a row with errors never runs. */
  errors: string[];
}

/** The rows of the file, each checked on its own and against the rows before it (a UPN twice). */
export function readBulkCsv(text: string): BulkRow[] {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > bulkLimits.bytes) {
    throw fail('bad-csv', `The file is ${formatCount(bytes)} bytes; the limit is 5 MB (5,242,880 bytes). Split it.`);
  }
  const parsed = parseCsv(text);
  if (!parsed.ok) throw fail('bad-csv', `${parsed.message} Send a CSV file, or paste CSV after \`bulk\`.`);
  const [header, ...records] = parsed.rows;
  if (!header) throw fail('bad-csv', `The CSV is empty. ${headerHint}`);
  const columns = readHeader(header);
  if (records.length > bulkLimits.rows) {
    throw fail('bad-csv', `The file has ${formatCount(records.length)} rows; the limit is 5,000 rows. Split it.`);
  }
  const seen = new Map<string, number>();
  return records.map((record, index) => {
    const row = checkRow(index + 2, cellsOf(columns, record));
    const upn = row.upn?.toLowerCase();
    if (upn && seen.has(upn)) row.errors.push(`upn: ${row.upn} is also on row ${seen.get(upn)}; give each user once.`);
    else if (upn) seen.set(upn, row.row);
    return row;
  });
}

const headerHint = `The first line must name the columns, such as \`action,upn,plan\` (\`bulk template\` has them all: ${bulkColumns.join(', ')}).`;

function readHeader(header: string[]): BulkColumn[] {
  const columns = header.map((name) =>
    bulkColumns.find((column) => column.toLowerCase() === name.trim().toLowerCase()),
  );
  if (!columns.includes('action')) {
    throw fail('bad-csv', `Row 1 has no \`action\` column, so it is not the header. ${headerHint}`);
  }
  const unknown = header.filter((_name, index) => columns[index] === undefined);
  if (unknown.length > 0) {
    const list = unknown.map((name) => `"${name.trim().slice(0, inputLimits.echo)}"`).join(', ');
    throw fail(
      'bad-csv',
      `Row 1 names columns m365ops does not know: ${list}. The columns are ${bulkColumns.join(', ')}.`,
    );
  }
  const twice = columns.find((column, index) => columns.indexOf(column) !== index);
  if (twice) throw fail('bad-csv', `Row 1 names the column ${twice} twice; name each column once.`);
  return columns as BulkColumn[];
}

function cellsOf(columns: BulkColumn[], record: string[]): Partial<Record<BulkColumn, string>> {
  const cells: Partial<Record<BulkColumn, string>> = {};
  columns.forEach((column, index) => {
    const value = record[index]?.trim();
    if (value) cells[column] = value;
  });
  return cells;
}

function checkRow(line: number, cells: Partial<Record<BulkColumn, string>>): BulkRow {
  const row: BulkRow = { row: line, actionText: cells.action ?? '', aliases: [], options: [], errors: [] };
  const tooLong = Object.entries(cells).find(([, value]) => value.length > inputLimits.command);
  if (tooLong) {
    row.errors.push(`${tooLong[0]}: ${describeTooLong('The value', tooLong[1].length, inputLimits.command)}`);
    return row;
  }
  const action = cells.action?.toLowerCase();
  if (!action) row.errors.push(`action: missing; write one of ${bulkActions.join(', ')}.`);
  else if (!(bulkActions as readonly string[]).includes(action)) {
    row.errors.push(`action: "${cells.action}" is not an action; write one of ${bulkActions.join(', ')}.`);
  } else row.action = action as BulkAction;
  readNames(row, cells);
  readPlace(row, cells);
  readOptions(row, cells);
  return row;
}

function readNames(row: BulkRow, cells: Partial<Record<BulkColumn, string>>): void {
  if (cells.displayName) row.displayName = cells.displayName;
  if (cells.upn) {
    const checked = checkAddressSyntax(cells.upn);
    if (checked.ok) row.upn = checked.address;
    else row.errors.push(`upn: "${cells.upn}" is not a user name; write it as name@domain.`);
  } else if (!(row.action === 'add' && row.displayName)) {
    row.errors.push(row.action === 'add' ? 'upn: missing; give the upn or the displayName.' : 'upn: missing.');
  }
  for (const alias of (cells.aliases ?? '').split(';').map((value) => value.trim())) {
    if (!alias) continue;
    const checked = checkAddressSyntax(alias);
    if (checked.ok) row.aliases.push(checked.address);
    else row.errors.push(`aliases: "${alias}" is not an address; separate addresses with ;.`);
  }
}

function readPlace(row: BulkRow, cells: Partial<Record<BulkColumn, string>>): void {
  if (cells.plan) row.planId = cells.plan.toLowerCase();
  else if (row.action === 'add' || row.action === 'change-plan') row.errors.push('plan: missing.');
  if (cells.customer) row.customerId = cells.customer.toLowerCase();
  if (cells.location) {
    if (/^[A-Za-z]{2}$/.test(cells.location)) row.location = cells.location.toUpperCase();
    else row.errors.push(`location: "${cells.location}" is not a two-letter country code such as GB.`);
  }
}

/** What each action takes in `options`, `for` and `reason`. */
const allowedOptions: Record<BulkAction, (option: string) => boolean> = {
  add: (option) => option === 'admin',
  'change-plan': () => false,
  remove: (option) => option === 'delete',
  offboard: (option) => isOffboardOption(option) && !(valuedOffboardOptions as readonly string[]).includes(option),
  'grant-admin': () => false,
};

function readOptions(row: BulkRow, cells: Partial<Record<BulkColumn, string>>): void {
  const options = (cells.options ?? '')
    .split(';')
    .map((value) => value.trim().toLowerCase())
    .filter(Boolean);
  if (row.action) {
    const wrong = options.filter((option) => !allowedOptions[row.action!](option));
    if (wrong.length > 0) row.errors.push(`options: ${wrong.join(', ')} ${optionHint[row.action]}`);
    if (row.action === 'offboard' && options.length === 0) row.errors.push(`options: missing; ${optionHint.offboard}`);
  }
  row.options = options;
  if (cells.for) {
    const duration = parseDuration(cells.for);
    if (row.action !== 'grant-admin') row.errors.push('for: only grant-admin rows take it.');
    else if (duration.ok) row.durationMinutes = duration.minutes;
    else row.errors.push(`for: "${cells.for}": ${duration.message}.`);
  }
  if (cells.reason) {
    if (row.action !== 'grant-admin') row.errors.push('reason: only grant-admin rows take it.');
    else if (cells.reason.length > inputLimits.reason) {
      row.errors.push(`reason: ${describeTooLong('It', cells.reason.length, inputLimits.reason)}`);
    } else row.reason = cells.reason;
  }
}

const optionHint: Record<BulkAction, string> = {
  add: 'is not an option of add (it takes admin).',
  'change-plan': 'is not an option of change-plan (it takes none).',
  remove: 'is not an option of remove (it takes delete).',
  offboard:
    'offboard takes options separated by ; such as block-sign-in;revoke-sessions;remove-licences (forward-to, grant-mailbox and out-of-office need the offboard command).',
  'grant-admin': 'is not an option of grant-admin (it takes the for and reason columns).',
};
