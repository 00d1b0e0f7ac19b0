/**
 * Everything about an offboarding that can be refused before anything changes (design §9 and issue 15's bad input):
 * the user, `keep-copy` without `forward-to`, forwarding outside the tenant's verified domains (unless the customer
 * allows it), forwarding to or granting the mailbox to a user who does not exist, a time in the past. `delete` clears
 * the options it makes moot. Asked again by the request path, so no request is made for what could not be done.
 */
import { fail } from '../errors';
import { findManagedUser, type ManagedUser, requireActive } from '../managed-user';
import type { Command } from '../request';
import type { Invocation } from '../runtime';
import { verifiedDomains } from '../tenant-domains';
import { possessive } from '../words';
import { formatInZone, parseOffboardTime, zoneName } from './check-input';
import { applyDeleteRule, type OffboardChoice, type OffboardOptionName } from './options';

export type OffboardCommand = Extract<Command, { name: 'offboard' }>;

export interface CheckedOffboarding {
  managed: ManagedUser;
  choice: OffboardChoice;
  /** The options `delete` cleared (the reply says so). */
  cleared: OffboardOptionName[];
  /** When it is scheduled for. */
  at?: Date;
}

export function choiceOfCommand(command: OffboardCommand): OffboardChoice {
  const { options, forwardTo, keepCopy, grantMailbox, outOfOffice } = command;
  return { options, forwardTo, keepCopy, grantMailbox, outOfOffice };
}

export async function checkOffboarding(invocation: Invocation, command: OffboardCommand): Promise<CheckedOffboarding> {
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  requireActive(managed);
  const at = checkTime(invocation, command.at);
  if (command.keepCopy && !command.options.includes('forward-to')) {
    throw fail(
      'bad-form',
      '`keep-copy` goes with `forward-to <upn>`: say where the mail goes, such as `forward-to john@contoso.com keep-copy`.',
      { field: 'keepCopy' },
    );
  }
  const { choice, cleared } = applyDeleteRule(choiceOfCommand(command));
  if (choice.options.includes('forward-to') && choice.forwardTo)
    await checkForwarding(invocation, managed, choice.forwardTo);
  if (choice.options.includes('grant-mailbox') && choice.grantMailbox) {
    await checkTenantUser(managed, choice.grantMailbox, 'grantMailbox', 'get access to the mailbox');
  }
  return { managed, choice, cleared, ...(at ? { at } : {}) };
}

function checkTime(invocation: Invocation, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const at = parseOffboardTime(text);
  if (!at) {
    throw fail('bad-form', `"${text}" is not a date and time: write it as YYYY-MM-DD HH:MM (${zoneName()}).`, {
      field: 'at',
    });
  }
  const now = invocation.runtime.clock.now();
  if (at.getTime() <= now.getTime()) {
    throw fail(
      'time-past',
      `${formatInZone(at)} is in the past (it is ${formatInZone(now)} now): choose a later time, or leave out \`at\` to offboard now. Nothing was scheduled.`,
      { field: 'at' },
    );
  }
  return at;
}

async function checkForwarding(invocation: Invocation, managed: ManagedUser, address: string): Promise<void> {
  const { customer, tenantId } = managed;
  if (address.toLowerCase() === managed.record.upn.toLowerCase()) {
    throw fail(
      'bad-form',
      `Mail of ${managed.record.upn} cannot be forwarded to itself: name the colleague who takes it over.`,
      { field: 'forwardTo' },
    );
  }
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const verified = verifiedDomains(await invocation.runtime.domains.list(tenantId)).map((entry) =>
    entry.id.toLowerCase(),
  );
  if (!verified.includes(domain)) {
    if (customer.externalForwarding === 'allow') return;
    throw fail(
      'external-forwarding',
      `${address} is outside ${possessive(customer.name)} verified domains (${verified.join(', ')}), and ${customer.name} does not allow forwarding mail outside the organisation: forward to a colleague in the tenant instead. Nothing was changed.`,
      { field: 'forwardTo' },
    );
  }
  await checkTenantUser(managed, address, 'forwardTo', 'receive the forwarded mail');
}

async function checkTenantUser(managed: ManagedUser, upn: string, field: string, purpose: string): Promise<void> {
  if (upn.toLowerCase() === managed.record.upn.toLowerCase()) {
    throw fail('bad-form', `${upn} is the user being offboarded; name someone else to ${purpose}.`, { field });
  }
  const user = await managed.tenant.findUserByUpn(upn);
  if (!user) {
    throw fail(
      'unknown-user',
      `There is no user ${upn} in ${possessive(managed.customer.name)} tenant to ${purpose}; check the address (\`users ${managed.customer.id}\` lists them). Nothing was changed.`,
      { field },
    );
  }
}
