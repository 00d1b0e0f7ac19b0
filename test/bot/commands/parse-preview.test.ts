import { parseCommand } from '../../../bot/commands';

const hints = { customerIds: ['contoso'], planIds: ['business-premium'] };

describe('parsing preview <command>', () => {
  it.each([
    [
      'preview add user jane@contoso.com plan business-premium location GB',
      {
        name: 'add-user',
        upn: 'jane@contoso.com',
        planId: 'business-premium',
        usageLocation: 'GB',
        admin: false,
        aliases: [],
      },
    ],
    [
      'Preview add user "Jane Doe" plan business-premium',
      { name: 'add-user-named', displayName: 'Jane Doe', planId: 'business-premium', admin: false, aliases: [] },
    ],
    [
      'preview change plan jane@contoso.com business-premium',
      { name: 'change-plan', upn: 'jane@contoso.com', planId: 'business-premium' },
    ],
    ['preview remove user jane@contoso.com delete', { name: 'remove-user', upn: 'jane@contoso.com', delete: true }],
    [
      'preview grant admin jane@contoso.com for 2h reason "Mailbox migration"',
      { name: 'grant-admin', upn: 'jane@contoso.com', durationMinutes: 120, reason: 'Mailbox migration' },
    ],
    ['preview revoke admin jane@contoso.com', { name: 'revoke-admin', upn: 'jane@contoso.com' }],
    [
      'preview offboard jane@contoso.com block-sign-in out-of-office "Left: write to ed@contoso.com"',
      {
        name: 'offboard',
        upn: 'jane@contoso.com',
        options: ['block-sign-in', 'out-of-office'],
        outOfOffice: 'Left: write to ed@contoso.com',
      },
    ],
  ])('reads %s as a preview of the command', (text, command) => {
    expect(parseCommand(text, hints)).toEqual({ ok: true, command: { name: 'preview', command } });
  });

  it('reads a line from Slack, its address a mailto link', () => {
    const parsed = parseCommand('/m365 preview revoke admin <mailto:jane@contoso.com|jane@contoso.com>', hints);
    expect(parsed).toEqual({
      ok: true,
      command: { name: 'preview', command: { name: 'revoke-admin', upn: 'jane@contoso.com' } },
    });
  });

  it('keeps quotes and backslashes inside a quoted name as the command alone would', () => {
    const line = 'add user "Jane \\"JJ\\" Doe \\\\ Ltd" plan business-premium';
    const alone = parseCommand(line, hints);
    expect(alone).toMatchObject({ ok: true, command: { displayName: 'Jane "JJ" Doe \\ Ltd' } });
    expect(parseCommand(`preview ${line}`, hints)).toEqual({
      ok: true,
      command: { name: 'preview', command: (alone as { command: unknown }).command },
    });
  });

  it('needs a command after it', () => {
    const parsed = parseCommand('preview', hints);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/^`preview` needs the command to preview/);
  });

  it('refuses the command as the command would be refused', () => {
    const alone = parseCommand('change plan jane', hints);
    expect(alone.ok).toBe(false);
    expect(parseCommand('preview change plan jane', hints)).toEqual(alone);
  });

  it('refuses a preview of a preview', () => {
    const parsed = parseCommand('preview preview users', hints);
    expect(parsed.ok).toBe(false);
  });

  it('leaves a quoted "preview" to the command it is in', () => {
    expect(parseCommand('"preview" users', hints).ok).toBe(false);
  });
});
