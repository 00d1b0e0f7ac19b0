/** Contract: the store can say whether it lacks a collection or index it needs (what `m365ops doctor` checks). */
import type { ContractContext } from './harness';

export function describeHealthContract(context: ContractContext): void {
  describe('health', () => {
    it('answers a ping and lacks no collection or index once opened', async () => {
      await context.store.ping();
      expect(await context.store.missingIndexes()).toEqual([]);
    });
  });
}
