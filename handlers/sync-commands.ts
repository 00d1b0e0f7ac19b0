/** sync, decide and decide-all: the sync module's use cases, routed like every other command. */

import type { Reply } from '../core/reply';
import type { Command, ProgressListener } from '../core/request';
import type { Invocation } from '../core/runtime';
import { decideEveryOpen, decideOne } from '../sync/decide-commands';
import { syncNow } from '../sync/sync-now';

export async function runSyncCommand(invocation: Invocation, onProgress?: ProgressListener): Promise<Reply> {
  return syncNow(invocation.runtime, invocation.request, onProgress);
}

export async function decideDiscrepancy(
  invocation: Invocation,
  command: Extract<Command, { name: 'decide' }>,
): Promise<Reply> {
  return decideOne(invocation.runtime, invocation.request, command);
}

export async function decideAll(
  invocation: Invocation,
  command: Extract<Command, { name: 'decide-all' }>,
): Promise<Reply> {
  return decideEveryOpen(invocation.runtime, invocation.request, command);
}
