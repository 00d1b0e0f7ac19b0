/** Contract: who was welcomed, once per person, whoever asks and whenever. */
import type { ContractContext } from './harness';

export function describeWelcomesContract(context: ContractContext): void {
  describe('welcomes', () => {
    it('says a person is to be welcomed the first time only', async () => {
      expect(await context.store.welcomes.claimFirst('slack:T1:U1')).toBe(true);
      expect(await context.store.welcomes.claimFirst('slack:T1:U1')).toBe(false);
      expect(await context.store.welcomes.claimFirst('slack:T1:U2')).toBe(true);
    });

    it('gives the first welcome to one of many asking at once', async () => {
      const claims = await Promise.all(
        Array.from({ length: 10 }, () => context.store.welcomes.claimFirst('slack:T1:U3')),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('remembers across a restart', async () => {
      expect(await context.store.welcomes.claimFirst('slack:T1:U4')).toBe(true);
      const store = await context.restart();
      expect(await store.welcomes.claimFirst('slack:T1:U4')).toBe(false);
    });
  });
}
