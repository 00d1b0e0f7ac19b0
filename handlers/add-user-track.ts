/**
 * add user as a tracked operation (core/steps): one card per user with its steps, the account and licences done,
 * the aliases done or waiting for the mailbox (the alias job finishes them and redraws the card).
 */
import { addUserSteps } from '../core/provisioning/add-user-steps';
import { groupStepPrefix, type ProvisioningTemplate, templateStepsOf } from '../core/provisioning/template-steps';
import type { ResultReply } from '../core/reply';
import type { Invocation } from '../core/runtime';
import { type OperationStart, startOperation } from '../core/steps';
import type { AddUserPlan } from './add-user-plan';

const waitingFact = ' (waiting for the mailbox)';
const waitingDetail =
  'The mailbox does not exist yet (Exchange creates it minutes to hours after licensing); the aliases are added when it does.';

export interface AddedUser {
  objectId: string;
  aliasState?: 'applied' | 'queued';
  /** The groups and shared mailboxes the user gets: the plan's, or those copied from another user. */
  template: ProvisioningTemplate;
}

export async function trackAddUser(
  invocation: Invocation,
  plan: AddUserPlan,
  reply: ResultReply,
  { objectId, aliasState, template }: AddedUser,
): Promise<ResultReply> {
  const steps: OperationStart['steps'] = [{ key: 'account', state: 'done', detail: plan.enabled.plan.name }];
  const [groups, mailboxes] = partition(templateStepsOf(template));
  steps.push(...groups);
  if (aliasState) {
    steps.push(
      aliasState === 'queued'
        ? { key: 'aliases', state: 'waiting', detail: waitingDetail }
        : { key: 'aliases', state: 'done', detail: plan.aliases.join(', ') },
    );
  }
  steps.push(...mailboxes);
  // The card is redrawn as steps finish: it keeps no words that only held while they waited, and no password.
  const { secret: _secret, progress: _progress, table: _table, kind: _kind, ...card } = reply;
  const tracked = await startOperation(invocation.runtime, addUserSteps, {
    customerId: plan.customer.id,
    upn: plan.upn,
    requestedBy: invocation.request.context.identity,
    steps,
    input: { aliases: plan.aliases, objectId, sharedMailboxes: template.sharedMailboxes },
    card: {
      ...card,
      facts: card.facts.map((fact) => ({ ...fact, value: fact.value.replace(waitingFact, '') })),
      notes: (card.notes ?? []).filter((note) => !note.startsWith('The mailbox does not exist yet')),
    },
  });
  return { ...reply, progress: tracked.progress };
}

/** The group steps (run at once) and the mailbox steps (after the aliases: both wait for the mailbox). */
function partition(steps: { key: string; label: string }[]): [typeof steps, typeof steps] {
  const isGroup = (step: { key: string }) => step.key.startsWith(groupStepPrefix);
  return [steps.filter(isGroup), steps.filter((step) => !isGroup(step))];
}
