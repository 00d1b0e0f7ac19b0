/**
 * What add user answers and audits: the title (added, linked, or already on the plan), the facts, and the notes,
 * among them what was found in the tenant for a user m365ops linked ("exists, disabled, not admin") and what it
 * left alone ("sign-in left blocked; admin role not given").
 */

import { recordAudit } from '../core/audit';
import { describePlanLicences } from '../core/licence-names';
import type { EnabledPlan } from '../core/licences';
import type { ResultReply, Secret } from '../core/reply';
import type { Invocation } from '../core/runtime';
import type { Customer } from '../store/types';

/** A linked user as it was found, before m365ops changed anything. */
export interface FoundUser {
  enabled: boolean;
  admin: boolean;
}

export interface AddUserOutcome {
  customer: Customer;
  tenantId: string;
  enabled: EnabledPlan;
  upn: string;
  objectId: string;
  linked: boolean;
  found?: FoundUser;
  adminAsked: boolean;
  /** Whether m365ops gave the admin role (now or before). */
  admin: boolean;
  usageLocation: string;
  aliases: string[];
  aliasState?: 'applied' | 'queued';
  intendedUpn?: string;
  /** The operation whose create this run finished, when an earlier run died after creating the user. */
  resumedOperation?: string;
  /** `add user … like`: the user whose plan, groups and usage location were copied. */
  copiedFrom?: string;
  secret?: Secret;
  /** What the steps had to say (a move to the verified domain, a blocked sign-in). */
  notes: string[];
}

export function describeFound(found: FoundUser): string {
  return `exists, ${found.enabled ? 'enabled' : 'disabled'}, ${found.admin ? 'admin' : 'not admin'}`;
}

/** What add user did not change on a linked user, because nobody asked (or nobody may). */
export function leftAlone(found: FoundUser, adminAsked: boolean): string[] {
  const kept: string[] = [];
  if (!found.enabled) kept.push('sign-in left blocked');
  if (!found.admin && !adminAsked) kept.push('admin role not given');
  if (found.admin && !adminAsked) kept.push('admin role left as it was');
  return kept;
}

export function blockedNote(upn: string): string {
  return `Sign-in of ${upn} is blocked and stays so: add user never unblocks an account; unblock it in the Microsoft 365 admin center if it should sign in again.`;
}

/** Audits the outcome and answers it. */
export async function answerAddUser(invocation: Invocation, outcome: AddUserOutcome): Promise<ResultReply> {
  const { customer, enabled, upn, found, secret, linked } = outcome;
  const audit = await recordAudit(invocation, {
    action: 'add-user',
    result: 'ok',
    target: upn,
    details: {
      objectId: outcome.objectId,
      planId: enabled.plan.id,
      skus: enabled.plan.skus,
      linked,
      created: secret !== undefined && !linked,
      ...(found ? { found } : {}),
      ...(outcome.resumedOperation ? { resumedOperation: outcome.resumedOperation } : {}),
      ...(outcome.copiedFrom ? { copiedFrom: outcome.copiedFrom } : {}),
      usageLocation: outcome.usageLocation,
      admin: outcome.admin,
      aliases: outcome.aliases,
      aliasState: outcome.aliasState,
      intendedUpn: outcome.intendedUpn,
    },
  });
  const title = linked
    ? `Linked ${upn} to ${customer.name}`
    : secret
      ? `Added ${upn} to ${customer.name}`
      : `${upn} is on ${enabled.plan.name} at ${customer.name}`;
  return {
    kind: 'result',
    title,
    facts: factsOf(outcome),
    notes: notesOf(outcome),
    customerId: customer.id,
    customerName: customer.name,
    tenantId: outcome.tenantId,
    auditId: audit.id,
    ...(secret ? { secret } : {}),
  };
}

function factsOf(outcome: AddUserOutcome): ResultReply['facts'] {
  const { enabled, found } = outcome;
  const facts = [
    { label: 'User', value: outcome.upn },
    { label: 'Customer', value: outcome.customer.name },
    { label: 'Plan', value: describePlanLicences(enabled.plan) },
    { label: 'Usage location', value: outcome.usageLocation },
    { label: 'Admin access', value: outcome.admin ? 'yes' : found?.admin ? 'yes (it had it already)' : 'no' },
  ];
  if (found) facts.push({ label: 'Found in the tenant', value: describeFound(found) });
  if (outcome.aliases.length > 0) {
    facts.push({
      label: 'Aliases',
      value: `${outcome.aliases.join(', ')}${outcome.aliasState === 'queued' ? ' (waiting for the mailbox)' : ''}`,
    });
  }
  return facts;
}

function notesOf(outcome: AddUserOutcome): string[] {
  const { upn, found } = outcome;
  const notes: string[] = [];
  if (found) {
    notes.push(`${upn} already existed in the tenant, so m365ops linked that user instead of creating another.`);
    const kept = leftAlone(found, outcome.adminAsked);
    if (kept.length > 0) notes.push(`Left alone: ${kept.join('; ')}.`);
  }
  notes.push(...outcome.notes);
  if (outcome.intendedUpn) {
    const domain = outcome.intendedUpn.split('@')[1];
    notes.push(
      `${domain} is not verified in the tenant yet, so the user was created as ${upn}; run the same \`add user ${outcome.intendedUpn} …\` again once it is verified to move them.`,
    );
  }
  if (outcome.aliasState === 'queued') {
    notes.push(
      'The mailbox does not exist yet (Exchange creates it minutes to hours after licensing); the aliases will be added when it does, and you will be told.',
    );
  }
  if (outcome.secret) {
    notes.push('The temporary password is shown only this once; the user must change it at first sign-in.');
  }
  return notes;
}
