/**
 * Contract: the sync digests, which message holds which run's digest. Digests posted before the port existed were
 * written straight to the settings under the same keys, and are still found.
 */
import { createHash } from 'node:crypto';
import type { MessageRef } from '../../../store/types';
import type { ContractContext } from './harness';

export function describeDigestsContract(context: ContractContext): void {
  describe('sync digests', () => {
    const teamsRef: MessageRef = { platform: 'teams', ref: { activityId: 'a-1', conversation: { id: '19:x' } } };
    const slackRef: MessageRef = { platform: 'slack', ref: { channel: 'C1', ts: '1700000000.000100' } };

    it('finds a digest by its message and by its run, and nothing for other messages or runs', async () => {
      await context.store.digests.put(teamsRef, { customerId: 'contoso', runId: 'run-1' });
      expect(await context.store.digests.findByMessage(teamsRef)).toEqual({ customerId: 'contoso', runId: 'run-1' });
      expect(await context.store.digests.findByRun('contoso', 'run-1')).toEqual(teamsRef);
      expect(await context.store.digests.findByMessage(slackRef)).toBeNull();
      expect(await context.store.digests.findByRun('contoso', 'run-2')).toBeNull();
      expect(await context.store.digests.findByRun('fabrikam', 'run-1')).toBeNull();
    });

    it('keeps digests across a restart', async () => {
      await context.store.digests.put(slackRef, { customerId: 'fabrikam', runId: 'run-9' });
      const store = await context.restart();
      expect(await store.digests.findByMessage(slackRef)).toEqual({ customerId: 'fabrikam', runId: 'run-9' });
      expect(await store.digests.findByRun('fabrikam', 'run-9')).toEqual(slackRef);
    });

    it('reads the digests stored in the settings before the port existed', async () => {
      const key = createHash('sha256')
        .update(JSON.stringify([teamsRef.platform, teamsRef.ref]))
        .digest('hex')
        .slice(0, 32);
      await context.store.settings.set(`sync-digest:${key}`, JSON.stringify({ customerId: 'contoso', runId: 'old' }));
      await context.store.settings.set('sync-digest-run:contoso:old', JSON.stringify(teamsRef));
      expect(await context.store.digests.findByMessage(teamsRef)).toEqual({ customerId: 'contoso', runId: 'old' });
      expect(await context.store.digests.findByRun('contoso', 'old')).toEqual(teamsRef);
    });
  });
}
