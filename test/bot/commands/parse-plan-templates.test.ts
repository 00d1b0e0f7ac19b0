import { type ParseHints, parseCommand } from '../../../bot/commands';
import type { ErrorReply } from '../../../core/reply';
import type { Command } from '../../../core/request';

const hints = {
  planIds: ['business-premium', 'business-basic'],
  customerIds: ['contoso', 'fabrikam'],
};

function parsed(text: string, withHints: ParseHints = hints): Command {
  const result = parseCommand(text, withHints);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error.message}`);
  return result.command;
}

function refused(text: string): ErrorReply {
  const result = parseCommand(text, hints);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.command)}`);
  return result.error;
}

describe('add user "<display name>" plan <plan>', () => {
  it('reads a quoted name, with the options of add user', () => {
    expect(
      parsed('add user "Jane Doe" plan business-premium location gb alias jd@contoso.com customer contoso'),
    ).toEqual({
      name: 'add-user-named',
      displayName: 'Jane Doe',
      planId: 'business-premium',
      usageLocation: 'GB',
      admin: false,
      aliases: ['jd@contoso.com'],
      customerId: 'contoso',
    });
  });

  it('reads an unquoted name up to the next option word', () => {
    expect(parsed('add user Jane  van Doe plan business-basic admin')).toMatchObject({
      name: 'add-user-named',
      displayName: 'Jane van Doe',
      admin: true,
    });
  });

  it('still reads a UPN as add user <upn>, and opens the form for a customer alone', () => {
    expect(parsed('add user jane@contoso.com plan business-basic')).toMatchObject({ name: 'add-user' });
    expect(parsed('add user contoso')).toEqual({ name: 'add-user-form', customerId: 'contoso' });
  });

  it('says what is wrong with a UPN typed wrong rather than reading it as a name', () => {
    expect(refused('add user jane plan business-basic').code).toBe('bad-upn');
    expect(refused('add user jane@contoso.com plna business-basic').code).toBe('unknown-option');
  });

  it('needs the plan', () => {
    expect(refused('add user Jane Doe location GB').message).toContain('`add user` needs `plan <plan>`');
  });
});

describe('plan <id> …', () => {
  it('reads groups in quotes separated by commas, with or without spaces, and none', () => {
    expect(parsed('plan business-premium groups "Sales","All Staff"')).toEqual({
      name: 'plan-groups',
      planId: 'business-premium',
      groups: ['Sales', 'All Staff'],
    });
    expect(parsed('plan business-premium groups "Sales", "All Staff"')).toMatchObject({
      groups: ['Sales', 'All Staff'],
    });
    expect(parsed('plan business-premium groups All Staff')).toMatchObject({ groups: ['All Staff'] });
    expect(parsed('plan business-premium groups Sales,Finance')).toMatchObject({ groups: ['Sales', 'Finance'] });
    expect(parsed('plan business-premium groups none')).toMatchObject({ groups: [] });
  });

  it('reads a username format with an optional domain, and refuses an unknown format naming them', () => {
    expect(parsed('plan business-basic format F.Last domain Contoso.com')).toEqual({
      name: 'plan-format',
      planId: 'business-basic',
      format: 'f.last',
      domain: 'contoso.com',
    });
    expect(parsed('plan business-basic format first')).toEqual({
      name: 'plan-format',
      planId: 'business-basic',
      format: 'first',
    });
    const error = refused('plan business-basic format firstlast');
    expect(error.message).toBe(
      '"firstlast" is not a username format: write first.last (jane.doe), f.last (j.doe), firstl (janed) or first (jane).',
    );
    expect(refused('plan business-basic format first domain contoso').message).toContain('is not a domain');
  });

  it('reads a shared mailbox grant', () => {
    expect(parsed('plan business-premium shared-mailbox Sales.Team@contoso.com full-access send-as')).toEqual({
      name: 'plan-shared-mailbox',
      planId: 'business-premium',
      mailbox: 'sales.team@contoso.com',
      fullAccess: true,
      sendAs: true,
      remove: false,
    });
  });

  it('shows the plan when only its id is given, and keeps plan add apart', () => {
    expect(parsed('plan business-premium')).toEqual({ name: 'plan-show', planId: 'business-premium' });
    expect(parsed('plan add e3 "Microsoft 365 E3" skus SPE_E3')).toMatchObject({ name: 'plan-add' });
    expect(refused('plan busines-premium groups Sales').code).toBe('unknown-plan');
  });
});
