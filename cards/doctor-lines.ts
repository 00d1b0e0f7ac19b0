/**
 * The doctor's table in words, for every renderer: a row's heading (✅ Consent · contoso), its sentence and fix.
 * Cards show the problems first and count the rows that are fine, so a long report stays within a chat message;
 * the CLI prints every row.
 */
import { type DoctorRow, statusIcons } from '../core/doctor/doctor-row';
import type { DoctorReply } from '../core/reply';

/** At most this many rows are drawn in a chat message; the CLI shows them all. */
export const maxChatRows = 25;

export function describeDoctorTitle(reply: DoctorReply): string {
  return `m365ops doctor: ${reply.summary}`;
}

export function describeRowHeading(row: DoctorRow): string {
  return `${statusIcons[row.status]} ${row.check}${row.subject ? ` · ${row.subject}` : ''}`;
}

export function describeRowFix(row: DoctorRow): string {
  return row.fix ? `Fix: ${row.fix}` : '';
}

const rank = { fail: 0, warn: 1, ok: 2 } as const;

/** The rows a chat message draws (problems first), and what the rest amount to. */
export function chatDoctorRows(reply: DoctorReply): { shown: DoctorRow[]; more: string } {
  const ordered = [...reply.rows].sort((a, b) => rank[a.status] - rank[b.status]);
  const problems = ordered.filter((row) => row.status !== 'ok');
  const fine = ordered.length - problems.length;
  if (problems.length === 0)
    return { shown: ordered.slice(0, maxChatRows), more: moreLine(ordered.length - maxChatRows) };
  const shown = problems.slice(0, maxChatRows);
  const hidden = problems.length - shown.length;
  const parts = [
    ...(hidden > 0 ? [`${hidden} more ${hidden === 1 ? 'problem' : 'problems'}`] : []),
    ...(fine > 0 ? [`${statusIcons.ok} ${fine} ${fine === 1 ? 'check' : 'checks'} fine`] : []),
  ];
  const all = hidden > 0 ? ' `npx m365ops doctor` prints every row.' : '';
  return { shown, more: parts.length > 0 ? `${parts.join('; ')}.${all}` : '' };
}

/** Columns a terminal gives the text: each icon is two wide, the emoji variation selector none. */
function columnsOf(text: string): number {
  return [...text].reduce((width, char) => {
    if (char === '\uFE0F') return width;
    return width + (Object.values(statusIcons).some((icon) => icon.startsWith(char)) ? 2 : 1);
  }, 0);
}

function moreLine(hidden: number): string {
  return hidden > 0 ? `…and ${hidden} more checks, all fine.` : '';
}

/** The table as the CLI prints it: heading column aligned, the fix under its sentence. */
export function renderDoctorTable(reply: DoctorReply): string {
  const headings = reply.rows.map(describeRowHeading);
  const width = Math.max(0, ...headings.map(columnsOf));
  const pad = (text: string) => text + ' '.repeat(width - columnsOf(text));
  const lines = [describeDoctorTitle(reply), ''];
  reply.rows.forEach((row, index) => {
    lines.push(`${pad(headings[index]!)}  ${row.sentence}`);
    if (row.fix) lines.push(`${' '.repeat(width)}  ${describeRowFix(row)}`);
  });
  return lines.join('\n');
}
