/** `add user <upn> like <existing upn> [name "<display name>"]` beside `add user <upn> plan <plan>` and the form. */
import { parseCommand } from '../../../bot/commands';
import type { ErrorReply } from '../../../core/reply';
import type { Command } from '../../../core/request';

const hints = { planIds: ['business-premium', 'business-basic'], customerIds: ['contoso', 'fabrikam'] };

function parsed(text: string): Command {
  const result = parseCommand(text, hints);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error.message}`);
  return result.command;
}

function refused(text: string): ErrorReply {
  const result = parseCommand(text, hints);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.command)}`);
  return result.error;
}

it('reads the new UPN, the user to copy, the display name and the customer', () => {
  expect(parsed('add user jane@contoso.com like john@contoso.com name "Jane Doe" customer contoso')).toEqual({
    name: 'add-user-like',
    upn: 'jane@contoso.com',
    like: 'john@contoso.com',
    displayName: 'Jane Doe',
    customerId: 'contoso',
  });
  expect(parsed('ADD USER jane@contoso.com LIKE John@Contoso.com')).toEqual({
    name: 'add-user-like',
    upn: 'jane@contoso.com',
    like: 'John@contoso.com',
  });
});

it('leaves add user with a plan, and the form, as they were', () => {
  expect(parsed('add user jane@contoso.com plan business-basic')).toMatchObject({ name: 'add-user' });
  expect(parsed('add user')).toEqual({ name: 'add-user-form' });
});

it('refuses a like without a UPN after it, and a bad UPN to copy, saying why', () => {
  expect(refused('add user jane@contoso.com like').message).toContain('`like` needs the UPN of the user to copy');
  expect(refused('add user jane@contoso.com like john').code).toBe('bad-upn');
});

it('refuses an option of add user with a plan, speaking of the copy: location and aliases are the copied user’s', () => {
  const error = refused('add user jane@contoso.com like john@contoso.com location GB');
  expect(error.code).toBe('unknown-option');
  expect(error.message).toContain('"location" is not an option of `add user`');
  expect(error.message).toContain('Usage: add user <upn> like <existing upn>');
});

it('still asks add user without like or plan for its plan', () => {
  expect(refused('add user jane@contoso.com location GB').message).toContain('`add user` needs `plan <plan>`');
});

it('reads add user by display name like a managed user, and leaves add user by name with a plan as it was', () => {
  expect(parsed('add user "Jane Doe" like john@contoso.com customer contoso')).toEqual({
    name: 'add-user-named-like',
    displayName: 'Jane Doe',
    like: 'john@contoso.com',
    customerId: 'contoso',
  });
  expect(parsed('add user "Jane Doe" plan business-basic')).toMatchObject({ name: 'add-user-named' });
  expect(refused('add user "Jane Doe" like').message).toContain('`like` needs the UPN of the user to copy');
});
