/**
 * `offboard <upn> … at <date time>`: a durable job per user (one at a time: its uniqueKey is the user's), run once
 * by the job runner at that time across restarts; `cancel offboard <upn>` cancels it while it is still pending.
 */
import type { ConversationRef, Job } from '../../store/types';
import { fail } from '../errors';
import type { Runtime } from '../runtime';
import { formatInZone } from './check-input';
import { describeChoice, type OffboardChoice } from './options';

export const offboardJobType = 'offboard';

/** What the job carries: enough to run it (never a password), and who asked, for the audit and the message. */
export interface OffboardJobPayload {
  customerId: string;
  objectId: string;
  upn: string;
  choice: OffboardChoice;
  requestedBy: string;
  requestedByName?: string;
  where: string;
  /** Where it was asked: told there what came of it (else the customer's channel). */
  conversation?: ConversationRef;
}

export function offboardJobKey(customerId: string, objectId: string): string {
  return `offboard:${customerId}:${objectId}`;
}

export async function scheduleOffboarding(runtime: Runtime, payload: OffboardJobPayload, at: Date): Promise<Job> {
  const { job, created } = await runtime.store.jobs.enqueue({
    type: offboardJobType,
    payload: payload as unknown as Record<string, unknown>,
    runAt: at,
    // A run records its own failed steps and is never retried; a second attempt only takes over after a crash.
    maxAttempts: 2,
    uniqueKey: offboardJobKey(payload.customerId, payload.objectId),
  });
  if (!created) {
    throw fail(
      'duplicate',
      `${payload.upn} is already scheduled to be offboarded at ${formatInZone(job.runAt)} (${describeChoice(payloadOf(job).choice)}); \`cancel offboard ${payload.upn}\` first to change it. Nothing was scheduled.`,
    );
  }
  return job;
}

/** The user's pending scheduled offboarding, if any. */
export async function findScheduled(runtime: Runtime, customerId: string, objectId: string): Promise<Job | undefined> {
  const key = offboardJobKey(customerId, objectId);
  const pending = await runtime.store.jobs.list({ type: offboardJobType, status: 'pending' });
  return pending.find((job) => job.uniqueKey === key);
}

export function payloadOf(job: Job): OffboardJobPayload {
  return job.payload as unknown as OffboardJobPayload;
}
