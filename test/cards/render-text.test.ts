import { renderReplyText, renderTable } from '../../cards/render-text';
import type { DiscrepancyView, Reply } from '../../core/reply';

const discrepancy: DiscrepancyView = {
  id: 'd-1',
  customerId: 'contoso',
  customerName: 'Contoso Ltd',
  kind: 'plan-changed',
  upn: 'jane@contoso.com',
  summary: "Jane's licences now match Business Basic.",
  expected: 'Business Premium',
  actual: 'Business Basic',
  approveMeans: 'record the new plan',
  revokeMeans: 'reassign Business Premium',
  approveLabel: 'Accept change',
  revokeLabel: 'Put licences back…',
  status: 'approved',
  decidedBy: 'Ann',
  decidedAt: '2025-05-01T10:00:00Z',
  decision: 'approve',
  result: 'applied',
};

describe('renderReplyText', () => {
  it('shows a result with its facts and the temporary password once', () => {
    const text = renderReplyText({
      kind: 'result',
      title: 'Added jane@contoso.com to Contoso Ltd',
      facts: [
        { label: 'Plan', value: 'Business Premium' },
        { label: 'Location', value: 'GB' },
      ],
      notes: ['Aliases will be added when the mailbox exists.'],
      secret: { label: 'Temporary password for jane@contoso.com', value: 'Xy7#secret-Pass' },
    });
    expect(text).toContain('Added jane@contoso.com to Contoso Ltd');
    expect(text).toContain('  Plan:     Business Premium');
    expect(text).toContain('Note: Aliases will be added when the mailbox exists.');
    expect(text).toContain('Temporary password for jane@contoso.com (shown once): Xy7#secret-Pass');
    expect(text.split('Xy7#secret-Pass')).toHaveLength(2);
  });

  it('shows an error with suggestions the message does not already name', () => {
    expect(
      renderReplyText({
        kind: 'error',
        code: 'unknown-command',
        message: '"x" is not a command I know.',
        suggestions: ['sync', 'users'],
      }),
    ).toBe('"x" is not a command I know.\nTry: sync, users');
  });

  it('does not repeat suggestions the message already names', () => {
    expect(
      renderReplyText({
        kind: 'error',
        code: 'unknown-plan',
        message: 'There is no plan "e5". Did you mean e3?',
        suggestions: ['e3'],
      }),
    ).toBe('There is no plan "e5". Did you mean e3?');
  });

  it('names the role a refusal needs', () => {
    expect(
      renderReplyText({
        kind: 'error',
        code: 'forbidden',
        message: 'Granting admin needs the approver role.',
        neededRole: 'approver',
      }),
    ).toContain('Needs the approver role.');
  });

  it('lists users in a table with plan names', () => {
    const text = renderReplyText({
      kind: 'users',
      customerId: 'contoso',
      customerName: 'Contoso Ltd',
      planNames: { 'business-premium': 'Microsoft 365 Business Premium' },
      users: [
        {
          upn: 'jane@contoso.com',
          displayName: 'Jane Doe',
          planId: 'business-premium',
          admin: false,
          status: 'active',
          usageLocation: 'GB',
          aliases: ['j.doe@contoso.com'],
        },
        { upn: 'bob@contoso.com', displayName: 'Bob', planId: null, admin: true, status: 'active', aliases: [] },
      ],
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Contoso Ltd (contoso): 2 users');
    expect(lines[1]).toMatch(/^UPN\s+Name\s+Plan\s+Admin\s+Location\s+Status\s+Aliases$/);
    expect(lines[3]).toMatch(
      /^jane@contoso.com\s+Jane Doe\s+Microsoft 365 Business Premium\s+no\s+GB\s+active\s+j.doe@contoso.com$/,
    );
    expect(lines[4]).toMatch(/^bob@contoso.com\s+Bob\s+custom licences\s+yes\s+active$/);
  });

  it('says a customer has no users', () => {
    expect(renderReplyText({ kind: 'users', customerId: 'c', customerName: 'C', users: [], planNames: {} })).toBe(
      'C (c): 0 users',
    );
  });

  it('shows status per customer and the plans with free licences', () => {
    const text = renderReplyText({
      kind: 'status',
      customers: [
        {
          id: 'fabrikam',
          name: 'Fabrikam',
          consent: 'granted',
          users: 5,
          openDiscrepancies: 2,
          plans: [{ planId: 'business-basic', name: 'Business Basic', used: 4, limit: 10, freeLicences: 1 }],
        },
      ],
    });
    expect(text).toMatch(/fabrikam\s+Fabrikam\s+—\s+granted\s+5\s+2\s+never\s+—/);
    expect(text).toContain('Fabrikam plans:');
    expect(text).toMatch(/business-basic\s+Business Basic\s+4\s+10\s+1/);
  });

  it('lists plans with their SKUs', () => {
    const text = renderReplyText({
      kind: 'plans',
      plans: [{ id: 'business-premium', name: 'Business Premium', skus: ['SPB'] }],
    });
    expect(text).toMatch(/^Plans:\nPlan\s+Name\s+SKUs/);
    expect(text).toMatch(/business-premium\s+Business Premium\s+SPB/);
  });

  it('shows the consent link and when it expires', () => {
    const text = renderReplyText({
      kind: 'consent-link',
      customerId: 'northwind',
      customerName: 'Northwind',
      url: 'https://login.example/adminconsent?x=1',
      expiresAt: '2025-05-08T10:00:00Z',
      linkId: 'link-1',
    });
    expect(text).toBe(
      "Admin-consent link for Northwind (northwind):\nhttps://login.example/adminconsent?x=1\nSend it to the customer's Microsoft 365 administrator. It expires 2025-05-08T10:00:00Z.",
    );
  });

  it('lists help with usage, role and example', () => {
    const text = renderReplyText({
      kind: 'help',
      commands: [
        { usage: 'users [<customer>]', description: 'Lists users.', example: 'users contoso', role: 'helpdesk' },
      ],
    });
    expect(text).toBe('Commands:\n\n  users [<customer>]\n    Lists users. (helpdesk)\n    e.g. users contoso');
  });

  it('shows who decided a discrepancy', () => {
    const text = renderReplyText({ kind: 'discrepancy', discrepancy });
    expect(text).toContain('Plan changed in the tenant at Contoso Ltd: jane@contoso.com');
    expect(text).toContain('Approved by Ann at 2025-05-01T10:00:00Z.');
    expect(text).toContain('Result: applied');
  });

  it('counts a digest by kind', () => {
    const text = renderReplyText({
      kind: 'digest',
      customerId: 'contoso',
      customerName: 'Contoso Ltd',
      runId: 'r1',
      counts: [{ kind: 'unmanaged-user', count: 3, open: 2 }],
      items: [discrepancy],
    });
    expect(text).toContain('Sync of Contoso Ltd (run r1): 3 discrepancies · 2 open · 1 decided');
    expect(text).toContain('  Not managed by m365ops: 3 (2 open)');
  });

  it('shows a sync summary with failures', () => {
    const text = renderReplyText({
      kind: 'sync-summary',
      customers: [
        {
          customerId: 'northwind',
          customerName: 'Northwind',
          outcome: 'failed',
          error: 'No consent yet.',
          found: 0,
          autoApproved: 0,
          posted: 0,
          resolved: 0,
          usersRead: 0,
        },
      ],
    });
    expect(text).toBe('Northwind (northwind): failed\n  No consent yet.');
  });

  it('says what a sync did in one line, and how to bind a channel when none is', () => {
    const text = renderReplyText({
      kind: 'sync-summary',
      customers: [
        {
          customerId: 'contoso',
          customerName: 'Contoso Ltd',
          outcome: 'ok',
          found: 1,
          created: 1,
          autoApproved: 0,
          posted: 0,
          toPost: 1,
          noChannel: true,
          resolved: 0,
          usersRead: 50,
        },
      ],
    });
    expect(text).toBe(
      'Contoso Ltd (contoso): done\n  Read 50 users · 1 new difference · 0 posted: no channel bound — run `notify here contoso`',
    );
  });

  it('tells a CLI user how to fill in a form by text', () => {
    const text = renderReplyText({
      kind: 'form',
      form: 'add-user',
      title: 'Add a user',
      values: {},
      choices: { planId: [{ value: 'business-basic', title: 'Business Basic' }] },
      errors: {},
      info: ['business-basic: 3 free licences'],
    });
    expect(text).toContain('planId: business-basic');
    expect(text).toContain('type: add user <upn> plan <plan>');
  });

  it('shows what a confirmation would do', () => {
    const text = renderReplyText({
      kind: 'confirm',
      title: 'Remove jane@contoso.com?',
      summary: ['Removes her licences', 'Blocks sign-in'],
      confirmCommand: { name: 'remove-user', upn: 'jane@contoso.com', delete: false, confirmed: true },
      confirmLabel: 'Remove',
    });
    expect(text).toBe('Remove jane@contoso.com?\n- Removes her licences\n- Blocks sign-in\n(Remove to go ahead.)');
  });

  it('prints text as it is', () => {
    const reply: Reply = { kind: 'text', text: 'Done.' };
    expect(renderReplyText(reply)).toBe('Done.');
  });
});

describe('renderTable', () => {
  it('pads columns to the widest cell', () => {
    expect(renderTable(['A', 'B'], [['long', 'x']])).toBe('A     B\n----  -\nlong  x');
  });
});
