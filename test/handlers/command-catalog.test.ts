import { parseCommand } from '../../bot/commands';
import {
  commandCatalog,
  effectsOf,
  findCatalogEntry,
  hasRole,
  highestRole,
  listHelpEntries,
  requiredRole,
  roleLabel,
} from '../../core/command-catalog';
import type { Command, CommandName } from '../../core/request';

// A Record over CommandName: the type checker fails this file when a Command is added without being listed here.
const everyCommandName: Record<CommandName, true> = {
  help: true,
  'add-user-form': true,
  'add-user': true,
  'add-user-named': true,
  'add-user-like': true,
  'add-user-named-like': true,
  'submit-form': true,
  'refresh-form': true,
  'change-plan-form': true,
  'change-plan': true,
  'revoke-admin': true,
  'grant-admin': true,
  'remove-user-form': true,
  'extend-admin': true,
  admins: true,
  'remove-user': true,
  'restore-user': true,
  'reset-password': true,
  'retry-steps': true,
  offboard: true,
  'cancel-offboard': true,
  'policy-offboard': true,
  'consent-link': true,
  'verify-consent': true,
  'confirm-consent': true,
  sync: true,
  users: true,
  status: true,
  plans: true,
  licences: true,
  'report-licences': true,
  bulk: true,
  'bulk-template': true,
  'bulk-run': true,
  'policy-licence-digest': true,
  discrepancies: true,
  'notify-here': true,
  'customer-add': true,
  'customer-plan': true,
  'plan-add': true,
  'plan-show': true,
  'plan-groups': true,
  'plan-format': true,
  'plan-shared-mailbox': true,
  access: true,
  'policy-auto': true,
  'policy-max-admin': true,
  'policy-permanent-admin': true,
  'policy-approval': true,
  requests: true,
  'approve-request': true,
  'deny-request': true,
  'cancel-request': true,
  audit: true,
  decide: true,
  'decide-all': true,
  doctor: true,
  preview: true,
};

describe('command catalog', () => {
  it('has exactly one entry for every command', () => {
    expect(commandCatalog.map((entry) => entry.name).sort()).toEqual(Object.keys(everyCommandName).sort());
  });

  it.each(commandCatalog.filter((entry) => entry.listed).map((entry) => [entry.name, entry.example]))(
    'parses the example of %s to that command',
    (name, example) => {
      const result = parseCommand(example);
      expect(result).toMatchObject({ ok: true, command: { name } });
    },
  );

  it.each(commandCatalog.filter((entry) => entry.listed).map((entry) => [entry.name, entry.usage, entry.words]))(
    'starts the usage of %s with its command words',
    (_name, usage, words) => {
      expect(usage.startsWith((words as string[]).join(' '))).toBe(true);
    },
  );

  it('lists in help only what can be typed', () => {
    expect(listHelpEntries().map((entry) => entry.name)).not.toEqual(expect.arrayContaining(['decide']));
    expect(listHelpEntries().every((entry) => entry.words.length > 0 && entry.example.length > 0)).toBe(true);
  });

  it('asks helpdesk for provisioning, consent, sync and read views', () => {
    expect(requiredRole({ name: 'add-user', upn: 'a@b.com', planId: 'p', admin: false, aliases: [] })).toBe('helpdesk');
    expect(requiredRole({ name: 'consent-link', customerId: 'c' })).toBe('helpdesk');
    expect(requiredRole({ name: 'sync' })).toBe('helpdesk');
    expect(requiredRole({ name: 'users' })).toBe('helpdesk');
    expect(requiredRole({ name: 'revoke-admin', upn: 'a@b.com' })).toBe('helpdesk');
    expect(requiredRole({ name: 'reset-password', upn: 'a@b.com' })).toBe('helpdesk');
  });

  it('asks approver for grant admin and decisions', () => {
    expect(requiredRole({ name: 'grant-admin', upn: 'a@b.com' })).toBe('approver');
    expect(requiredRole({ name: 'restore-user', upn: 'a@b.com' })).toBe('approver');
    expect(requiredRole({ name: 'decide', discrepancyId: 'd', action: 'approve' })).toBe('approver');
    expect(requiredRole({ name: 'decide-all', customerId: 'c', kind: 'unmanaged-user', action: 'approve' })).toBe(
      'approver',
    );
  });

  it('asks admin for configuration and notify here', () => {
    expect(requiredRole({ name: 'notify-here', customerId: 'c' })).toBe('admin');
    expect(requiredRole({ name: 'access', role: 'admin', op: 'add', identity: 'cli:x' })).toBe('admin');
    expect(requiredRole({ name: 'policy-auto', customerId: 'c', kinds: [] })).toBe('admin');
  });

  it('asks approver for an admin role however it is asked: text, the form, a decision that gives it back', () => {
    const addUser: Command = { name: 'add-user', upn: 'a@b.com', planId: 'p', admin: true, aliases: [] };
    expect(effectsOf(addUser)).toContain('admin-grant');
    expect(requiredRole(addUser)).toBe('approver');
    expect(requiredRole({ name: 'submit-form', form: 'add-user', values: { admin: true } })).toBe('approver');
    expect(requiredRole({ name: 'submit-form', form: 'add-user', values: { admin: 'true' } })).toBe('approver');
    expect(requiredRole({ name: 'submit-form', form: 'add-user', values: { admin: false } })).toBe('helpdesk');
    expect(effectsOf({ name: 'decide-all', customerId: 'c', kind: 'admin-revoked', action: 'revoke' })).toContain(
      'admin-grant',
    );
    expect(effectsOf({ name: 'decide-all', customerId: 'c', kind: 'admin-revoked', action: 'approve' })).toEqual([
      'decision',
    ]);
  });

  it('counts deleting a user among remove user’s effects only when asked', () => {
    expect(effectsOf({ name: 'remove-user', upn: 'a@b.com', delete: true })).toContain('user-delete');
    expect(effectsOf({ name: 'remove-user', upn: 'a@b.com', delete: false })).not.toContain('user-delete');
  });

  it("asks the role of the form's command for a submitted form", () => {
    expect(requiredRole({ name: 'submit-form', form: 'add-user', values: {} })).toBe(findCatalogEntry('add-user').role);
    expect(requiredRole({ name: 'submit-form', form: 'change-plan', values: {} })).toBe('helpdesk');
  });

  it('treats roles as cumulative', () => {
    expect(hasRole('admin', 'approver')).toBe(true);
    expect(hasRole('approver', 'helpdesk')).toBe(true);
    expect(hasRole('helpdesk', 'approver')).toBe(false);
    expect(hasRole(undefined, 'helpdesk')).toBe(false);
  });

  it('picks the highest of several roles', () => {
    expect(highestRole(['helpdesk', 'admin', 'approver'])).toBe('admin');
    expect(highestRole([])).toBeUndefined();
  });

  it('shows only the commands a role may run', () => {
    const names = listHelpEntries('helpdesk').map((entry) => entry.name);
    expect(names).toContain('add-user');
    expect(names).not.toContain('grant-admin');
    expect(names).not.toContain('notify-here');
  });

  it("needs the previewed command's role, but for what helpdesk would ask an approver for", () => {
    const preview = (command: Command): Command => ({ name: 'preview', command });
    expect(requiredRole(preview({ name: 'customer-add', id: 'n', customerName: 'N' }))).toBe('admin');
    expect(requiredRole(preview({ name: 'restore-user', upn: 'a@b.com' }))).toBe('approver');
    expect(requiredRole(preview({ name: 'change-plan', upn: 'a@b.com', planId: 'p' }))).toBe('helpdesk');
    // A grant asked by helpdesk becomes a request: its preview says so rather than refusing.
    expect(requiredRole(preview({ name: 'grant-admin', upn: 'a@b.com' }))).toBe('helpdesk');
    expect(effectsOf(preview({ name: 'remove-user', upn: 'a@b.com', delete: true }))).toEqual([
      'read',
      'sign-in-block',
    ]);
    expect(listHelpEntries('helpdesk').map((entry) => entry.name)).toContain('preview');
  });

  it('names roles for people', () => {
    expect(roleLabel('approver')).toBe('approver');
  });
});
