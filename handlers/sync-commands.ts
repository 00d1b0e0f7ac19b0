/** sync, decide and decide-all belong to the sync engineer; until they land, they answer plainly. */
import type { HandlerDeps } from './deps';
import type { ErrorReply, Reply } from './reply';
import type { ProgressListener, Request } from './request';

const notYet: ErrorReply = {
  kind: 'error',
  code: 'not-available',
  message: 'Sync is not available yet in this m365ops; it will come with the sync scheduler.',
};

export async function runSyncCommand(
  _deps: HandlerDeps,
  _request: Request,
  _onProgress?: ProgressListener,
): Promise<Reply> {
  return notYet;
}

export async function decideDiscrepancy(_deps: HandlerDeps, _request: Request): Promise<Reply> {
  return notYet;
}

export async function decideAll(_deps: HandlerDeps, _request: Request): Promise<Reply> {
  return notYet;
}
