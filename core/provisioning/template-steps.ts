/**
 * The steps a plan template adds to add user (design §9): one step per group to join (`group:<name or id>`) and one
 * per shared mailbox to grant (`shared-mailbox:<address>`), so a group the tenant refuses fails alone and "Retry
 * failed steps" runs only it. Joining needs only the account; a grant needs the new user's own mailbox, which
 * Exchange makes some time after the licence, so it waits for it, tried again every 10 minutes by the operation's job.
 */
import { M365Error } from '../../m365/errors';
import type { MailboxAccess, Plan, SharedMailboxGrant } from '../../store/types';
import { lookUpGroup, missingGroupSentence } from '../plan-groups';
import type { StepOutcome, StepRun } from '../steps/step-types';
import { possessive } from '../words';
import { isJoinable, whyNotJoinable } from './plan-groups';

export const mailboxRetryMs = 10 * 60_000;

export const groupStepPrefix = 'group:';
const sharedMailboxStepPrefix = 'shared-mailbox:';

/** A group to join: how the plan (or the user copied) names it, and its display name when known. */
export interface GroupToJoin {
  reference: string;
  name?: string;
}

/** What a new user gets besides the plan's licences: its groups and shared mailboxes. */
export interface ProvisioningTemplate {
  groups: GroupToJoin[];
  sharedMailboxes: SharedMailboxGrant[];
}

export function templateOfPlan(plan: Plan): ProvisioningTemplate {
  return {
    groups: (plan.groups ?? []).map((reference) => ({ reference })),
    sharedMailboxes: plan.sharedMailboxes ?? [],
  };
}

const accessWords: Record<MailboxAccess, string> = { FullAccess: 'Full Access', SendAs: 'Send As' };

function describeAccess(access: readonly MailboxAccess[]): string {
  return access.map((right) => accessWords[right]).join(' and ');
}

/** The steps (key and label) of the groups and shared mailboxes, in that order; none when there are none. */
export function templateStepsOf({ groups, sharedMailboxes }: ProvisioningTemplate): { key: string; label: string }[] {
  const steps = [
    ...groups.map((group) => ({
      key: `${groupStepPrefix}${group.reference}`,
      label: `Join ${group.name ?? group.reference}`,
    })),
    ...sharedMailboxes.map((grant) => ({
      key: `${sharedMailboxStepPrefix}${grant.mailbox.toLowerCase()}`,
      label: `Give ${describeAccess(grant.access)} on ${grant.mailbox}`,
    })),
  ];
  // A group named twice (by name and by id, or copied and in the plan) is one step.
  return steps.filter(
    (step, index) => steps.findIndex((other) => other.key.toLowerCase() === step.key.toLowerCase()) === index,
  );
}

export function mailboxNotReady(upn: string): StepOutcome {
  return {
    state: 'waiting',
    detail: `The mailbox of ${upn} is not ready yet (Exchange makes it after the licence); retrying every 10 min.`,
    retryInMs: mailboxRetryMs,
  };
}

/** The user's object id, kept on the operation by add user. */
function userIdOf(run: StepRun): string {
  const objectId = run.operation.input.objectId;
  if (typeof objectId !== 'string') throw new Error(`Operation ${run.operation.id} keeps no object id.`);
  return objectId;
}

/** `group:<reference>`: adds the user to the group (already a member is done). */
export async function joinGroup(run: StepRun): Promise<StepOutcome> {
  const reference = run.key.slice(groupStepPrefix.length);
  const tenant = run.runtime.gateway.forTenant(run.tenantId);
  const groups = await tenant.listGroups();
  const lookup = lookUpGroup(reference, groups);
  if ('missing' in lookup) {
    return {
      state: 'failed',
      detail: missingGroupSentence(reference, groups, `${possessive(run.customer.name)} tenant`),
    };
  }
  const { group } = lookup;
  if (!isJoinable(group)) return { state: 'failed', detail: whyNotJoinable(group, run.operation.upn) };
  await tenant.addGroupMember(group.id, userIdOf(run));
  const licensed = group.assignedSkuIds.length > 0 ? ' (its licences follow by group-based licensing)' : '';
  return { state: 'done', detail: `Member of ${group.displayName}${licensed}.` };
}

/** `shared-mailbox:<address>`: grants what the operation's input names for that mailbox, once the user's exists. */
export async function grantSharedMailbox(run: StepRun): Promise<StepOutcome> {
  const address = run.key.slice(sharedMailboxStepPrefix.length);
  const grants = (run.operation.input.sharedMailboxes as SharedMailboxGrant[] | undefined) ?? [];
  const grant = grants.find((candidate) => candidate.mailbox.toLowerCase() === address);
  if (!grant) return { state: 'skipped', detail: `No access to ${address} is asked for any more.` };
  const { upn } = run.operation;
  const tenant = run.runtime.gateway.forTenant(run.tenantId);
  try {
    if (!(await tenant.getMailbox(upn))) return mailboxNotReady(upn);
  } catch (error) {
    if (error instanceof M365Error && error.code === 'mailbox-not-ready') return mailboxNotReady(upn);
    throw error;
  }
  try {
    for (const access of grant.access) await tenant.grantMailboxAccess(grant.mailbox, upn, access);
  } catch (error) {
    // The user's mailbox exists (asked just now), so a missing mailbox here is the shared one.
    if (error instanceof M365Error && error.code === 'mailbox-not-ready') {
      return {
        state: 'failed',
        detail: `${possessive(run.customer.name)} tenant has no mailbox ${grant.mailbox}; create it, or take it out of the plan.`,
      };
    }
    throw error;
  }
  return { state: 'done', detail: `${describeAccess(grant.access)} on ${grant.mailbox}.` };
}
