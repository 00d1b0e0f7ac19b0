/** `licences` in Block Kit: a section per SKU (or per customer), its facts as fields. */
import type { LicencesReply } from '../../core/reply';
import { describeLicenceNotes, describeLicenceSections, describeLicencesHeading } from '../licence-lines';
import { context, divider, escapeText, factSections, fitMessage, header, type SlackBlock, section } from './block-kit';

export function renderLicencesBlocks(reply: LicencesReply): SlackBlock[] {
  const blocks: SlackBlock[] = [header(describeLicencesHeading(reply))];
  for (const entry of describeLicenceSections(reply)) {
    blocks.push(divider(), section(`*${escapeText(entry.title)}*`), ...factSections(entry.facts));
  }
  const notes = describeLicenceNotes(reply);
  if (notes.length > 0) blocks.push(context(notes.map(escapeText).join('\n')));
  return fitMessage(blocks, 'licences');
}
