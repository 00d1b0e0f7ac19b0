import { renderReplyBlocks, renderSecretBlocks } from '../../../cards/slack/render-reply-blocks';
import type { Reply } from '../../../core/reply';
import {
  addUserResult,
  approvedDiscrepancy,
  digestOf,
  failedRevokeDiscrepancy,
  openDiscrepancy,
  revokedDiscrepancy,
  sampleReplies,
  sampleSecretValue,
  unmanagedUsers,
  userList,
} from '../../support/sample-replies';
import { findByType, type JsonObject } from '../card-walk';

const longText = 'x'.repeat(5000);

const largeReplies: Record<string, Reply> = {
  ...sampleReplies,
  '500 users': userList(500),
  'digest of 120': digestOf(unmanagedUsers(120)),
  'long error': { kind: 'error', code: 'x', message: longText, suggestions: [`sync ${longText}`] },
  'long text': { kind: 'text', text: longText },
  'result with many facts': {
    kind: 'result',
    title: longText,
    facts: Array.from({ length: 30 }, (_, i) => ({ label: `Fact ${i}`, value: longText })),
  },
  'status of 40 customers': {
    kind: 'status',
    customers: Array.from({ length: 40 }, (_, i) => ({
      id: `c${i}`,
      name: `Customer ${i}`,
      consent: 'granted',
      users: i,
      openDiscrepancies: 0,
      plans: [],
    })),
  },
};

function texts(tree: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      const object = node as JsonObject;
      if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string') {
        found.push(object.text);
      }
      Object.values(object).forEach(visit);
    }
  };
  visit(tree);
  return found;
}

describe('renderReplyBlocks', () => {
  it.each(Object.entries(largeReplies))('keeps %s within Slack’s limits', (_name, reply) => {
    const { text, blocks } = renderReplyBlocks(reply);
    expect(text.length).toBeGreaterThan(0);
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) {
      const sectionText = (block.text as JsonObject | undefined)?.text;
      if (block.type === 'section' && typeof sectionText === 'string')
        expect(sectionText.length).toBeLessThanOrEqual(3000);
      if (block.type === 'header') expect(String(sectionText).length).toBeLessThanOrEqual(150);
      for (const field of (block.fields as JsonObject[] | undefined) ?? []) {
        expect(String(field.text).length).toBeLessThanOrEqual(2000);
      }
      expect(((block.fields as unknown[]) ?? []).length).toBeLessThanOrEqual(10);
      if (block.type === 'actions') {
        const ids = (block.elements as JsonObject[]).map((element) => element.action_id);
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
    for (const button of findByType(blocks, 'button')) {
      expect(String((button.text as JsonObject).text).length).toBeLessThanOrEqual(75);
      if (button.value !== undefined) expect(String(button.value).length).toBeLessThanOrEqual(2000);
    }
  });

  it('names the customer of an added user once, in the footer with its tenant and audit id', () => {
    const reply = { ...addUserResult, facts: [...addUserResult.facts, { label: 'Customer', value: 'Contoso Ltd' }] };
    const all = texts(renderReplyBlocks(reply).blocks);
    expect(all.filter((text) => text.includes('Customer'))).toEqual([
      'Customer: Contoso Ltd, tenant 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60 · audit id aud_01',
    ]);
  });

  it('never puts a secret value into the message', () => {
    expect(JSON.stringify(renderReplyBlocks(addUserResult))).not.toContain(sampleSecretValue);
  });

  it('shows the secret only in the secret blocks, as plain text', () => {
    const { blocks } = renderSecretBlocks(addUserResult.secret!);
    expect(blocks[1]).toEqual({ type: 'section', text: { type: 'plain_text', text: sampleSecretValue, emoji: false } });
  });

  it('escapes what users and tenants wrote so it cannot become a mention or a link', () => {
    const all = texts(renderReplyBlocks(userList(3)).blocks).join('\n');
    expect(all).toContain('User &lt;0&gt; &amp; Co');
    expect(all).not.toContain('<0>');
  });

  it('says how many users did not fit', () => {
    expect(texts(renderReplyBlocks(userList(500)).blocks).join('\n')).toMatch(/and \d+ more users/);
  });

  it('offers Approve (primary) and Revoke (danger) on an open discrepancy', () => {
    const buttons = findByType(
      renderReplyBlocks({ kind: 'discrepancy', discrepancy: openDiscrepancy }).blocks,
      'button',
    );
    expect(buttons.map((b) => [b.action_id, b.style, JSON.parse(String(b.value))])).toEqual([
      ['decide', 'primary', { discrepancyId: 'd-1', action: 'approve' }],
      ['decide:1', 'danger', { discrepancyId: 'd-1', action: 'revoke' }],
    ]);
  });

  it.each([
    ['approved', approvedDiscrepancy, 'Approved by Megan Bowen at 2026-11-24 08:35 UTC: applied'],
    ['revoked', revokedDiscrepancy, 'Revoked by Megan Bowen at 2026-11-24 08:36 UTC: applied'],
  ])('shows who %s a discrepancy and when, with no buttons', (_state, view, line) => {
    const { blocks } = renderReplyBlocks({ kind: 'discrepancy', discrepancy: view });
    expect(findByType(blocks, 'actions', 'button')).toEqual([]);
    expect(texts(blocks).join('\n')).toContain(line);
  });

  it('offers the buttons again after a failed revoke, with a warning', () => {
    const { blocks } = renderReplyBlocks({ kind: 'discrepancy', discrepancy: failedRevokeDiscrepancy });
    expect(findByType(blocks, 'button')).toHaveLength(2);
    expect(texts(blocks).join('\n')).toContain(':warning: Revoked by Megan Bowen');
  });

  it('offers "Approve all" per open kind in a digest, naming how many and carrying the run', () => {
    const { blocks } = renderReplyBlocks(digestOf([openDiscrepancy, ...unmanagedUsers(2)]));
    const approveAll = findByType(blocks, 'button').filter((b) => String(b.action_id).startsWith('decide-all'));
    expect(approveAll.map((b) => [(b.text as JsonObject).text, JSON.parse(String(b.value))])).toEqual([
      [
        'Approve all 1: Admin access removed in the tenant',
        { customerId: 'contoso', kind: 'admin-revoked', action: 'approve', runId: 'run-42' },
      ],
      [
        'Approve all 2: Not managed by m365ops',
        { customerId: 'contoso', kind: 'unmanaged-user', action: 'approve', runId: 'run-42' },
      ],
    ]);
  });

  it('says how the discrepancies a digest does not list get decided, never that they have messages of their own', () => {
    const digest = { ...digestOf(unmanagedUsers(35)), items: unmanagedUsers(20) };
    const { blocks } = renderReplyBlocks(digest);
    expect(findByType(blocks, 'button').filter((b) => /^decide(:\d+)?$/.test(String(b.action_id)))).toHaveLength(40);
    expect(texts(blocks)).toContain(
      'Showing the first 20 of 35 discrepancies, in the order found. 15 more open ones are not listed; "Approve all" decides them with the listed ones.',
    );
    expect(texts(blocks).join('\n')).not.toMatch(/own message/);
  });

  it('lists as many items of a large digest as fit in 50 blocks and says how many are not listed', () => {
    const { blocks } = renderReplyBlocks(digestOf(unmanagedUsers(120)));
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(texts(blocks).join('\n')).toContain('Showing the first 23 of 120 discrepancies');
  });

  it('names each button after what it does for the kind', () => {
    const { blocks } = renderReplyBlocks(digestOf(unmanagedUsers(1)));
    const titles = findByType(blocks, 'button').map((b) => (b.text as JsonObject).text);
    expect(titles).toEqual([
      'Approve all 1: Not managed by m365ops',
      'Adopt under Business Premium',
      'Remove licences…',
    ]);
  });

  it('counts open and decided discrepancies in the digest header and keeps a decided row in place', () => {
    const [first, second, third] = unmanagedUsers(3);
    const decided = { ...second!, ...approvedDiscrepancy, id: second!.id, kind: second!.kind, upn: second!.upn };
    const { blocks } = renderReplyBlocks(digestOf([first!, decided, third!]));
    const all = texts(blocks).join('\n');
    expect(all).toContain('sync found 3 discrepancies · 2 open · 1 decided');
    expect(all).toContain('Not managed by m365ops: 3 (2 open)');
    const rows = texts(blocks).filter((text) => text.includes('@contoso.com'));
    expect(rows.map((row) => row.match(/user\d@/)?.[0])).toEqual(['user0@', 'user1@', 'user2@']);
    expect(rows[1]).toContain('Approved by Megan Bowen');
  });

  it('names the discrepancy and where it stands under the note of a click that decided nothing', () => {
    const late = 'Megan Bowen already approved this at 2026-11-24 08:35 UTC.';
    const { blocks } = renderReplyBlocks({ kind: 'text', text: late, current: { discrepancy: approvedDiscrepancy } });
    expect(texts(blocks)).toEqual([
      late,
      'Admin access removed in the tenant: adele@contoso.com · Approved by Megan Bowen at 2026-11-24 08:35 UTC: applied',
    ]);
    expect(findByType(blocks, 'button')).toEqual([]);
  });

  it('names the open discrepancy under a refusal, without its buttons', () => {
    const { blocks } = renderReplyBlocks({
      kind: 'error',
      code: 'own-change',
      message: 'You caused this difference for adele@contoso.com, so another approver must decide it.',
      current: { discrepancy: openDiscrepancy },
    });
    expect(texts(blocks)).toEqual([
      ':warning: You caused this difference for adele@contoso.com, so another approver must decide it.',
      'Admin access removed in the tenant: adele@contoso.com · Open: waiting for a decision.',
    ]);
    expect(findByType(blocks, 'button')).toEqual([]);
  });

  it('turns a form into a button that opens the modal', () => {
    const [button] = findByType(renderReplyBlocks(sampleReplies['add-user form, clean']).blocks, 'button');
    expect(JSON.parse(String(button.value))).toEqual({ command: { name: 'add-user-form', customerId: 'contoso' } });
  });

  it('links the consent page with a button Slack only needs acked', () => {
    const [link] = findByType(renderReplyBlocks(sampleReplies['consent link']).blocks, 'button');
    expect(link).toEqual(
      expect.objectContaining({ action_id: 'open-link', url: expect.stringContaining('adminconsent') }),
    );
  });
});
