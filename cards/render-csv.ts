/** A reply's table as CSV, through the one writer (common/csv.ts: RFC 4180, formula-looking cells neutralised). */
import { writeCsv } from '../common/csv';
import type { ReplyTable } from '../core/reply';

export function renderCsv(table: ReplyTable): string {
  return writeCsv([table.columns, ...table.rows]);
}
