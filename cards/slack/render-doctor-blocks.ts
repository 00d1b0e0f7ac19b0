/** The doctor's report as Block Kit: one section per row drawn (problems first), then what is fine in a line. */
import type { DoctorReply } from '../../core/reply';
import { chatDoctorRows, describeDoctorTitle, describeRowFix, describeRowHeading } from '../doctor-lines';
import { context, escapeText, fitMessage, header, type SlackBlock, section } from './block-kit';

export function renderDoctorBlocks(reply: DoctorReply): SlackBlock[] {
  const { shown, more } = chatDoctorRows(reply);
  const blocks: SlackBlock[] = [header(describeDoctorTitle(reply))];
  for (const row of shown) {
    const fix = describeRowFix(row);
    blocks.push(
      section(
        `*${escapeText(describeRowHeading(row))}*\n${escapeText(row.sentence)}${fix ? `\n_${escapeText(fix)}_` : ''}`,
      ),
    );
  }
  if (more) blocks.push(context(escapeText(more)));
  return fitMessage(blocks, 'rows');
}
