/**
 * Block Kit building blocks with Slack's limits applied in one place: a section's text is at most 3,000
 * characters, a field 2,000, a button's text 75 and its value 2,000, a message at most 50 blocks.
 * Everything a user or a tenant supplied goes through `escapeText` before it lands in mrkdwn.
 */
import type { CardAction } from '../actions';

export type SlackBlock = { type: string } & Record<string, unknown>;

export interface SlackView {
  type: 'modal';
  callback_id: string;
  title: { type: 'plain_text'; text: string };
  submit: { type: 'plain_text'; text: string };
  close: { type: 'plain_text'; text: string };
  private_metadata: string;
  blocks: SlackBlock[];
}

export const slackLimits = {
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  buttonText: 75,
  buttonValue: 2000,
  headerText: 150,
  blocksPerMessage: 50,
  blocksPerModal: 100,
  elementsPerActions: 25,
  modalTitle: 24,
  optionText: 75,
  optionValue: 150,
  optionsPerSelect: 100,
} as const;

/** Slack decodes only these three entities in mrkdwn; escaping them keeps user text from becoming links or mentions. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function plainText(text: string, max: number = slackLimits.headerText) {
  return { type: 'plain_text' as const, text: truncate(text, max) };
}

export function section(mrkdwn: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, slackLimits.sectionText) } };
}

export function header(text: string): SlackBlock {
  return { type: 'header', text: plainText(text, slackLimits.headerText) };
}

export function context(mrkdwn: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, slackLimits.sectionText) }] };
}

export function divider(): SlackBlock {
  return { type: 'divider' };
}

/** Facts as two-column fields, ten to a section. */
export function factSections(facts: { label: string; value: string }[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < facts.length; i += slackLimits.fields) {
    blocks.push({
      type: 'section',
      fields: facts.slice(i, i + slackLimits.fields).map((fact) => ({
        type: 'mrkdwn',
        text: truncate(`*${escapeText(fact.label)}*\n${escapeText(fact.value)}`, slackLimits.fieldText),
      })),
    });
  }
  return blocks;
}

export interface SlackButton {
  title: string;
  action: CardAction;
  style?: 'primary' | 'danger';
}

/**
 * An actions block. A button's action_id is its verb (`decide`), with `:<n>` added when the verb repeats in the
 * block, because Slack wants action ids unique within a block; its value is the JSON of the action's data.
 */
export function actions(buttons: SlackButton[]): SlackBlock {
  const seen = new Map<string, number>();
  const elements = buttons.slice(0, slackLimits.elementsPerActions).map((button) => {
    const count = seen.get(button.action.verb) ?? 0;
    seen.set(button.action.verb, count + 1);
    const value = JSON.stringify(button.action.data);
    if (value.length > slackLimits.buttonValue) {
      throw new Error(`A "${button.action.verb}" button's data is ${value.length} characters; Slack allows 2000.`);
    }
    return {
      type: 'button',
      text: plainText(button.title, slackLimits.buttonText),
      action_id: count === 0 ? button.action.verb : `${button.action.verb}:${count}`,
      value,
      ...(button.style ? { style: button.style } : {}),
    };
  });
  return { type: 'actions', elements };
}

/** Lines packed into as few sections as fit 3,000 characters each, at most `maxBlocks` of them. */
export function lineSections(lines: string[], maxBlocks: number, noun: string): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let current: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = truncate(lines[i], slackLimits.sectionText - 100);
    if (length + line.length + 1 > slackLimits.sectionText - 100 && current.length > 0) {
      if (blocks.length === maxBlocks - 1) {
        current.push(`…and ${lines.length - i} more ${noun}.`);
        blocks.push(section(current.join('\n')));
        return blocks;
      }
      blocks.push(section(current.join('\n')));
      current = [];
      length = 0;
    }
    current.push(line);
    length += line.length + 1;
  }
  if (current.length > 0) blocks.push(section(current.join('\n')));
  return blocks;
}

/** Keeps a message within 50 blocks, saying how much was left out. */
export function fitMessage(blocks: SlackBlock[], noun = 'items'): SlackBlock[] {
  if (blocks.length <= slackLimits.blocksPerMessage) return blocks;
  const kept = blocks.slice(0, slackLimits.blocksPerMessage - 1);
  return [...kept, context(`…and ${blocks.length - kept.length} more ${noun} not shown here.`)];
}
