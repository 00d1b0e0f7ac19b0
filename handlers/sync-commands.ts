/** sync, decide and decide-all: the sync module's use cases, routed like every other command. */
import { decideEveryOpen, decideOne } from '../sync/decide-commands';
import { syncNow } from '../sync/sync-now';
import type { Reply } from './reply';
import type { ProgressListener, Request } from './request';
import type { Runtime } from './runtime';

export async function runSyncCommand(rt: Runtime, request: Request, onProgress?: ProgressListener): Promise<Reply> {
  return syncNow(rt, request, onProgress);
}

export async function decideDiscrepancy(rt: Runtime, request: Request): Promise<Reply> {
  if (request.command.name !== 'decide') throw new Error('decideDiscrepancy needs a decide command');
  return decideOne(rt, request, request.command);
}

export async function decideAll(rt: Runtime, request: Request): Promise<Reply> {
  if (request.command.name !== 'decide-all') throw new Error('decideAll needs a decide-all command');
  return decideEveryOpen(rt, request, request.command);
}
