/**
 * The digests a sync posted: which message holds which run's digest, both ways. Both adapters keep them in their
 * settings under the keys m365ops has always used (`sync-digest:<messageKey>` and
 * `sync-digest-run:<customer>:<run>`), so digests posted before this port existed are still found.
 */
import { createHash } from 'node:crypto';
import type { DigestRecord, DigestRepo, SettingRepo } from './ports';
import type { MessageRef } from './types';

/** A short stable key for a posted message, whatever its platform's reference looks like. */
export function messageKey(ref: MessageRef): string {
  return createHash('sha256')
    .update(JSON.stringify([ref.platform, ref.ref]))
    .digest('hex')
    .slice(0, 32);
}

export function createDigestRepo(settings: SettingRepo): DigestRepo {
  return {
    async put(ref, digest) {
      const record: DigestRecord = { customerId: digest.customerId, runId: digest.runId };
      await settings.set(`sync-digest:${messageKey(ref)}`, JSON.stringify(record));
      await settings.set(`sync-digest-run:${digest.customerId}:${digest.runId}`, JSON.stringify(ref));
    },
    async findByMessage(ref) {
      const stored = await settings.get(`sync-digest:${messageKey(ref)}`);
      return stored ? (JSON.parse(stored) as DigestRecord) : null;
    },
    async findByRun(customerId, runId) {
      const stored = await settings.get(`sync-digest-run:${customerId}:${runId}`);
      return stored ? (JSON.parse(stored) as MessageRef) : null;
    },
  };
}
