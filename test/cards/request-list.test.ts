/** Lists of open requests too long for one card or message say how many more wait; each request's Deny comment is its own. */
import { commandFromAction, renderReplyBlocks, renderReplyCard } from '../../cards';
import type { ApprovalRequestListReply, ApprovalRequestView } from '../../core/reply';
import { validateAdaptiveCard } from '../support/validate-adaptive-card';

function view(n: number): ApprovalRequestView {
  const id = `REQ${String(n).padStart(3, '0')}`.replace(/0/g, 'Z');
  return {
    id,
    customerId: 'contoso',
    customerName: 'Contoso Ltd',
    asks: `Make user${n}@contoso.com Global Administrator for 2h`,
    facts: [
      { label: 'Asked by', value: 'Hal Helpdesk' },
      { label: 'For', value: `user${n}@contoso.com` },
      { label: 'Role', value: 'Global Administrator' },
      { label: 'How long', value: '2h' },
      { label: 'Why', value: 'Migration' },
      { label: 'Ticket', value: 'INC-1' },
      { label: 'Customer', value: 'Contoso Ltd' },
      { label: 'Asked at', value: '2026-03-02 10:00 UTC' },
      { label: 'Open until', value: '2026-03-03 10:00 UTC' },
    ],
    state: 'open',
  };
}

const list = (count: number): ApprovalRequestListReply => ({
  kind: 'approval-requests',
  title: 'Open requests',
  requests: Array.from({ length: count }, (_, i) => view(i + 1)),
});

describe('a long list of open requests', () => {
  it('in Slack stays within 50 blocks and says how many more wait', () => {
    const { blocks } = renderReplyBlocks(list(30));
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks)).toContain('23 more requests are waiting, not shown here');
  });

  it('in Teams says how many more wait, in a valid card', () => {
    const card = renderReplyCard(list(21));
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('1 more request is waiting, not shown here');
  });

  it('says nothing more when all are shown', () => {
    expect(JSON.stringify(renderReplyBlocks(list(3)).blocks)).not.toContain('more request');
  });
});

describe('the Deny comment of a request on a card', () => {
  const deny = { command: { name: 'deny-request', requestId: 'K7M2QX' } };

  it('is read from the input of that request', () => {
    expect(
      commandFromAction('run', { ...deny, 'comment-K7M2QX': ' Use the break-glass account ', 'comment-OTHER1': 'x' }),
    ).toEqual({
      name: 'deny-request',
      requestId: 'K7M2QX',
      comment: 'Use the break-glass account',
    });
  });

  it('is read from the input of a card posted before inputs had their own ids', () => {
    expect(commandFromAction('run', { ...deny, comment: 'Older card' })).toMatchObject({ comment: 'Older card' });
  });

  it('is left out when empty', () => {
    expect(commandFromAction('run', { ...deny, 'comment-K7M2QX': '  ' })).toEqual(deny.command);
  });
});
