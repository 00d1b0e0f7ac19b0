/**
 * A tracked operation's card never looks done before its steps are: the title is green with ✅ only when every step
 * is done or skipped; while one waits it is neutral with an hourglass, and red with ❌ once one failed.
 */
import { renderReplyCard } from '../../cards/adaptive/render-reply-card';
import { renderReplyBlocks } from '../../cards/slack/render-reply-blocks';
import type { ResultReply } from '../../core/reply';
import type { StepState } from '../../store/tracked-operation';

function withSteps(...states: StepState[]): ResultReply {
  return {
    kind: 'result',
    title: 'Offboarding jane@contoso.com',
    facts: [],
    progress: {
      operationId: 'K7M2QX',
      summary: 'Summary',
      steps: states.map((state, index) => ({ label: `Step ${index}`, state, icon: '·' })),
    },
  };
}

const titleColor = (reply: ResultReply) => JSON.stringify(renderReplyCard(reply)).match(/"color":"(\w+)"/)?.[1];
const titleIcon = (reply: ResultReply) =>
  JSON.stringify(renderReplyBlocks(reply)).match(/(:[a-z_]+:) \*Offboarding/)?.[1];

it.each([
  [['done', 'skipped'], 'Good', ':white_check_mark:'],
  [['done', 'waiting'], 'Default', ':hourglass_flowing_sand:'],
  [['done', 'failed', 'waiting'], 'Attention', ':x:'],
] as [StepState[], string, string][])('steps %j: Teams %s, Slack %s', (states, color, icon) => {
  expect(titleColor(withSteps(...states))).toBe(color);
  expect(titleIcon(withSteps(...states))).toBe(icon);
});

it('keeps a result without steps green', () => {
  const reply: ResultReply = { kind: 'result', title: 'Offboarding done', facts: [] };
  expect(titleColor(reply)).toBe('Good');
});
