/**
 * offboard: alone, the form with the customer's defaults ticked; with a preset, the preset's options (and any typed
 * after it) run as if typed, through the handlers' own entry again so a `delete` in a preset meets the approval
 * policy like a typed one; with options, checked (core/offboarding/check-offboarding.ts), confirmed naming every
 * effect, then run now as steps or scheduled with `at`.
 */
import { conversationOf, privateConversationOf } from '../core/admin-grants';
import { holdsAdminRole } from '../core/admin-role';
import { describeWhere, recordAudit } from '../core/audit';
import { requireEffects } from '../core/authorize';
import { withDefined } from '../core/commands/grammar';
import { formatInZone } from '../core/offboarding/check-input';
import { type CheckedOffboarding, checkOffboarding, type OffboardCommand } from '../core/offboarding/check-offboarding';
import { describeChoice, mergeChoices, offboardOptionTitles } from '../core/offboarding/options';
import { findPreset } from '../core/offboarding/presets';
import { startOffboarding } from '../core/offboarding/run-offboarding';
import { scheduleOffboarding } from '../core/offboarding/schedule';
import { stepsOf } from '../core/offboarding/steps';
import type { ConfirmReply, Reply, ResultReply } from '../core/reply';
import { resolveCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { buildForm } from './forms';

export async function offboard(invocation: Invocation, command: OffboardCommand): Promise<Reply> {
  if (command.preset) return withPreset(invocation, command, command.preset);
  if (command.options.length === 0) return openOffboardForm(invocation, command);
  const checked = await checkOffboarding(invocation, command);
  const { managed, choice, cleared } = checked;
  const adminTarget =
    choice.options.includes('reset-password') &&
    (await holdsAdminRole(managed.tenant, managed.customer, managed.record.objectId));
  if (adminTarget) await requireEffects(invocation, ['admin-password-reset']);
  const notes = cleared.length > 0 ? [`Delete makes these moot, so they were left out: ${cleared.join(', ')}.`] : [];
  if (!command.confirmed) return confirmation(command, checked, notes);
  if (checked.at) return schedule(invocation, checked, notes);
  const target = {
    customer: managed.customer,
    tenantId: managed.tenantId,
    objectId: managed.record.objectId,
    upn: managed.record.upn,
    choice,
    adminTarget,
  };
  return startOffboarding(invocation.runtime, target, {
    requestedBy: invocation.request.onBehalfOf?.requester ?? invocation.request.context.identity,
    notes,
    audit: (entry) => recordAudit(invocation, entry),
    secretsTo: 'requester',
  });
}

async function withPreset(invocation: Invocation, command: OffboardCommand, name: string): Promise<Reply> {
  const preset = await findPreset(invocation.runtime.store.settings, name);
  const { options, forwardTo, keepCopy, grantMailbox, outOfOffice } = command;
  const choice = mergeChoices(preset, { options, forwardTo, keepCopy, grantMailbox, outOfOffice });
  const { preset: _preset, ...rest } = command;
  const expanded: OffboardCommand = withDefined({ ...rest, ...choice, options: choice.options });
  if (expanded.options.length === 0) return openOffboardForm(invocation, expanded);
  if (!invocation.dispatch) return offboard(invocation, expanded);
  return invocation.dispatch({ ...invocation.request, command: expanded });
}

/** The form, the customer's defaults ticked and what was typed kept. */
async function openOffboardForm(invocation: Invocation, command: OffboardCommand): Promise<Reply> {
  const customer = await resolveCustomer(invocation, { upn: command.upn, customerId: command.customerId });
  const ticked = Object.fromEntries((customer.offboardDefaults ?? []).map((option) => [option, true]));
  return buildForm(
    invocation,
    'offboard',
    { customerId: customer.id, upn: command.upn, ...ticked, ...(command.at ? { at: command.at } : {}) },
    {},
  );
}

function confirmation(command: OffboardCommand, checked: CheckedOffboarding, notes: string[]): ConfirmReply {
  const { managed, choice, at } = checked;
  const lines = stepsOf(choice).map((step) => {
    if (step.key === 'forward-to')
      return `Forward mail to ${choice.forwardTo}${choice.keepCopy ? ', keeping a copy' : ''}`;
    if (step.key === 'grant-mailbox') return `Give ${choice.grantMailbox} Full Access to the mailbox`;
    if (step.key === 'out-of-office') return `Set the out-of-office reply: "${choice.outOfOffice}"`;
    return offboardOptionTitles[step.key];
  });
  const when = at ? ` at ${formatInZone(at)}` : '';
  return {
    kind: 'confirm',
    title: `Offboard ${managed.record.upn}${when}?`,
    summary: [
      `At ${managed.customer.name}, in this order:`,
      ...lines.map((line, index) => `${index + 1}. ${line}`),
      ...notes,
      ...(at ? ['It runs once at that time; `cancel offboard` stops it before then.'] : []),
    ],
    confirmCommand: withDefined({
      ...command,
      ...choice,
      options: choice.options,
      customerId: managed.customer.id,
      confirmed: true,
    }),
    confirmLabel: at ? 'Schedule offboarding' : 'Offboard',
  };
}

async function schedule(invocation: Invocation, checked: CheckedOffboarding, notes: string[]): Promise<ResultReply> {
  const { managed, choice } = checked;
  const at = checked.at as Date;
  const { context, onBehalfOf } = invocation.request;
  const conversation = onBehalfOf?.conversation ?? privateConversationOf(context) ?? conversationOf(context);
  const job = await scheduleOffboarding(
    invocation.runtime,
    {
      customerId: managed.customer.id,
      objectId: managed.record.objectId,
      upn: managed.record.upn,
      choice,
      requestedBy: onBehalfOf?.requester ?? context.identity,
      ...(context.displayName ? { requestedByName: onBehalfOf?.requesterName ?? context.displayName } : {}),
      where: describeWhere(context),
      ...(conversation ? { conversation } : {}),
    },
    at,
  );
  const audit = await recordAudit(invocation, {
    action: 'schedule-offboard',
    result: 'ok',
    target: managed.record.upn,
    details: { jobId: job.id, at: at.toISOString(), options: describeChoice(choice) },
  });
  return {
    kind: 'result',
    title: `Offboarding of ${managed.record.upn} is scheduled for ${formatInZone(at)}`,
    facts: [
      { label: 'When', value: formatInZone(at) },
      {
        label: 'Steps',
        value: stepsOf(choice)
          .map((step) => step.label)
          .join(', '),
      },
    ],
    notes: [
      ...notes,
      `You will hear here what comes of it; \`cancel offboard ${managed.record.upn}\` stops it before then.`,
    ],
    customerId: managed.customer.id,
    customerName: managed.customer.name,
    tenantId: managed.tenantId,
    auditId: audit.id,
  };
}
