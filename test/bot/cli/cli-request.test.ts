import { beginCliRequest, buildCliContext, confirmDestructive, hashCommand } from '../../../bot/cli/cli-request';
import { joinArguments } from '../../../bot/cli/run-cli';
import type { Command } from '../../../core/request';
import type { SettingRepo } from '../../../store/ports';

/** The settings port, kept in a Map: the behaviour under test is the CLI's use of it, not a store adapter. */
function createSettings(): SettingRepo & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (key) => values.get(key) ?? null,
    setIfAbsent: async (key, value) => {
      if (!values.has(key)) values.set(key, value);
      return values.get(key)!;
    },
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}

const addJane: Command = {
  name: 'add-user',
  upn: 'jane@contoso.com',
  planId: 'business-basic',
  admin: false,
  aliases: [],
};
const context = buildCliContext('ops');

describe('CLI requests', () => {
  it('acts as the local operator in private', () => {
    expect(context).toEqual({
      identity: 'cli:ops',
      displayName: 'ops',
      origin: 'cli',
      channelName: 'CLI',
      isPersonal: true,
    });
  });

  it('confirms what asks first in chat: remove user, revoke admin, add user (with admin)', () => {
    expect(confirmDestructive({ name: 'remove-user', upn: 'a@b.com', delete: true })).toMatchObject({
      confirmed: true,
    });
    expect(confirmDestructive({ name: 'revoke-admin', upn: 'a@b.com' })).toMatchObject({ confirmed: true });
    expect(confirmDestructive({ ...addJane, admin: true })).toMatchObject({ confirmed: true });
    expect(confirmDestructive({ name: 'sync' })).not.toHaveProperty('confirmed');
  });

  it('hashes the same command the same whatever the order of its fields', () => {
    const reordered = {
      aliases: [],
      admin: false,
      planId: 'business-basic',
      upn: 'jane@contoso.com',
      name: 'add-user',
    } as Command;
    expect(hashCommand(reordered, 'cli:ops')).toBe(hashCommand(addJane, 'cli:ops'));
    expect(hashCommand(addJane, 'cli:other')).not.toBe(hashCommand(addJane, 'cli:ops'));
  });

  it('resumes the key of a run that never finished', async () => {
    const settings = createSettings();
    const first = await beginCliRequest(addJane, context, settings);
    const again = await beginCliRequest(addJane, context, settings);
    expect(first.request.idempotencyKey).toMatch(/^cli:[0-9a-f]{64}:/);
    expect(again.request.idempotencyKey).toBe(first.request.idempotencyKey);
  });

  it('gives a fresh key once the earlier run finished', async () => {
    const settings = createSettings();
    const first = await beginCliRequest(addJane, context, settings);
    await first.finish();
    const next = await beginCliRequest(addJane, context, settings);
    expect(next.request.idempotencyKey).not.toBe(first.request.idempotencyKey);
  });

  it('gives read-only views no key and keeps nothing for them', async () => {
    const settings = createSettings();
    const pending = await beginCliRequest({ name: 'users', customerId: 'contoso' }, context, settings);
    expect(pending.request).not.toHaveProperty('idempotencyKey');
    expect(settings.values.size).toBe(0);
  });
});

describe('joinArguments', () => {
  it('takes a single argument as the whole line', () => {
    expect(joinArguments(['users contoso'])).toBe('users contoso');
  });

  it('quotes an argument holding a space again', () => {
    expect(joinArguments(['add', 'user', 'a@b.com', 'name', 'Plan "X" Admin', 'plan', 'p'])).toBe(
      'add user a@b.com name "Plan \\"X\\" Admin" plan p',
    );
  });
});
