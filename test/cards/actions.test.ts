import { actionData, cancelledCode, commandFromAction } from '../../cards/actions';
import { renderReplyCard } from '../../cards/adaptive/render-reply-card';
import { renderReplyBlocks, verbFromActionId } from '../../cards/slack/render-reply-blocks';
import type { ErrorReply } from '../../core/reply';
import type { Command } from '../../core/request';
import { sampleReplies } from '../support/sample-replies';
import { executeActions, findByType, type JsonObject } from './card-walk';

function isError(outcome: Command | ErrorReply): outcome is ErrorReply {
  return 'kind' in outcome;
}

/** A stand-in for the text parser: the command words the sample cards' buttons carry. */
const typed: Record<string, Command> = {
  help: { name: 'help' },
  status: { name: 'status' } as Command,
  'add user': { name: 'add-user-form' } as Command,
};

const parseText = (text: string) =>
  typed[text] || text.startsWith('add user ')
    ? { ok: true as const, command: typed[text] ?? ({ name: 'add-user-form' } as Command) }
    : { ok: false as const, error: { kind: 'error' as const, code: 'unknown-command', message: `Unknown: ${text}` } };

/** What each button of the sample cards should turn into, keyed by verb. */
function expectedCommand(verb: string, data: JsonObject): Command | ErrorReply {
  switch (verb) {
    case 'run':
      return (data.command as Command) ?? parseText(String(data.text)).command!;
    case 'decide':
      return { name: 'decide', ...data } as Command;
    case 'decide-all':
      return { name: 'decide-all', ...data } as Command;
    case 'submit-form':
      return expect.objectContaining({ name: 'submit-form', form: data.form });
    case 'refresh-form':
      return expect.objectContaining({ name: 'refresh-form', form: data.form });
    default:
      return expect.objectContaining({ kind: 'error', code: cancelledCode });
  }
}

describe('commandFromAction', () => {
  const cases = Object.entries(sampleReplies).filter(([, reply]) => executeActions(renderReplyCard(reply)).length > 0);

  it.each(cases)('turns every Teams button of %s into its command', (_name, reply) => {
    for (const action of executeActions(renderReplyCard(reply))) {
      const data = action.data as JsonObject;
      expect(commandFromAction(String(action.verb), data, { parseText })).toEqual(
        expectedCommand(String(action.verb), data),
      );
    }
  });

  it.each(cases)('turns every web chat (Action.Submit) button of %s into the same command', (_name, reply) => {
    for (const action of findByType(renderReplyCard(reply), 'Action.Submit')) {
      const data = action.data as JsonObject;
      const { verb, ...rest } = data;
      expect(commandFromAction(String(verb), data, { parseText })).toEqual(expectedCommand(String(verb), rest));
    }
  });

  it.each(Object.entries(sampleReplies))('turns every Slack button of %s into its command', (_name, reply) => {
    for (const button of findByType(renderReplyBlocks(reply).blocks, 'button').filter((b) => b.value)) {
      const verb = verbFromActionId(String(button.action_id));
      expect(verb).not.toBeNull();
      const data = JSON.parse(String(button.value));
      expect(commandFromAction(verb!, data, { parseText })).toEqual(expectedCommand(verb!, data));
    }
  });

  it('merges a submitted form’s inputs into its values and reads the toggle as a boolean', () => {
    const command = commandFromAction('submit-form', {
      form: 'add-user',
      verb: 'submit-form',
      customerId: 'contoso',
      userName: 'jane.doe',
      domain: 'contoso.com',
      planId: 'business-premium',
      admin: 'true',
      aliases: 'jd@contoso.com',
      unrelated: 'ignored',
    });
    expect(command).toEqual({
      name: 'submit-form',
      form: 'add-user',
      values: {
        customerId: 'contoso',
        givenName: undefined,
        surname: undefined,
        displayName: undefined,
        userName: 'jane.doe',
        domain: 'contoso.com',
        planId: 'business-premium',
        usageLocation: undefined,
        admin: true,
        aliases: 'jd@contoso.com',
      },
    });
  });

  it('reads an absent toggle as off', () => {
    const command = commandFromAction('submit-form', { form: 'add-user' }) as Extract<Command, { name: 'submit-form' }>;
    expect(command.values.admin).toBe(false);
  });

  it('answers Cancel with a note that nothing changed', () => {
    expect(commandFromAction('cancel', {})).toEqual(expect.objectContaining({ kind: 'error', code: cancelledCode }));
  });

  it('runs a suggested command line through the parser it is given', () => {
    expect(commandFromAction('run', { text: 'add user jane@contoso.com plan basic' }, { parseText })).toEqual({
      name: 'add-user-form',
    });
  });

  it('asks to type a suggested command when no parser is given', () => {
    const outcome = commandFromAction('run', { text: 'sync contoso' });
    expect(isError(outcome) && outcome.message).toContain('`sync contoso`');
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['an unknown verb', 'delete-everything', {}],
    ['an unknown form', 'submit-form', { form: 'grant-admin' }],
    ['a toggle that is not true or false', 'submit-form', { form: 'add-user', admin: 'yes' }],
    ['a text value that is not a string', 'submit-form', { form: 'add-user', userName: { $ne: '' } }],
    ['a configuration command', 'run', { command: { name: 'access', role: 'admin', op: 'add', identity: 'slack:U1' } }],
    [
      'a command no button carries',
      'run',
      { command: { name: 'add-user', upn: 'x@y.z', planId: 'p', admin: true, aliases: [] } },
    ],
    ['an extra key in a command', 'run', { command: { name: 'sync', customerId: 'contoso', force: true } }],
    [
      'a command field of the wrong type',
      'run',
      { command: { name: 'remove-user', upn: 'jane@contoso.com', delete: 'yes' } },
    ],
    ['a command with a spaced id', 'run', { command: { name: 'users', customerId: 'contoso; drop' } }],
    ['no command at all', 'run', {}],
    ['a decision that is neither approve nor revoke', 'decide', { discrepancyId: 'd-1', action: 'ignore' }],
    ['a decision without a discrepancy', 'decide', { action: 'approve' }],
    ['an extra key in a decision', 'decide', { discrepancyId: 'd-1', action: 'approve', by: 'someone-else' }],
    [
      'a decision "confirmed" as anything but true',
      'decide',
      { discrepancyId: 'd-1', action: 'revoke', confirmed: 'yes' },
    ],
    ['an unknown discrepancy kind', 'decide-all', { customerId: 'contoso', kind: 'everything', action: 'approve' }],
  ])('refuses %s', (_name, verb, data) => {
    const outcome = commandFromAction(verb, data);
    expect(outcome).toEqual(expect.objectContaining({ kind: 'error', code: 'invalid-action' }));
  });

  it('refuses data that is not an object', () => {
    expect(commandFromAction('decide', null as unknown as Record<string, unknown>)).toEqual(
      expect.objectContaining({ code: 'invalid-action' }),
    );
  });
});

describe('confirmations', () => {
  it('carries `confirmed` on the confirmation of a decision, and only there', () => {
    const asked = actionData({ name: 'decide', discrepancyId: 'd-1', action: 'revoke' });
    const confirming = actionData({ name: 'decide', discrepancyId: 'd-1', action: 'revoke', confirmed: true });
    expect(asked.data).not.toHaveProperty('confirmed');
    expect(commandFromAction(confirming.verb, confirming.data)).toEqual({
      name: 'decide',
      discrepancyId: 'd-1',
      action: 'revoke',
      confirmed: true,
    });
  });

  it('carries a confirmed form submission with its values, since its card has no inputs', () => {
    const values = { customerId: 'contoso', userName: 'ada', domain: 'contoso.com', planId: 'business-basic' };
    const action = actionData({
      name: 'submit-form',
      form: 'add-user',
      values: { ...values, admin: true },
      confirmed: true,
    });
    expect(commandFromAction(action.verb, action.data)).toMatchObject({
      name: 'submit-form',
      form: 'add-user',
      values: { ...values, admin: true },
      confirmed: true,
    });
  });
});

describe('actionData', () => {
  it('puts a decision under its own verb', () => {
    expect(actionData({ name: 'decide', discrepancyId: 'd-1', action: 'revoke' })).toEqual({
      verb: 'decide',
      data: { discrepancyId: 'd-1', action: 'revoke' },
    });
  });

  it('refuses to make a button for a configuration command', () => {
    expect(() => actionData({ name: 'policy-auto', customerId: 'contoso', kinds: [] })).toThrow('policy-auto');
  });
});
