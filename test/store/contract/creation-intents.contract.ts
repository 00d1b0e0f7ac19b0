/** Contract: the intent to create a user, written before add user asks Microsoft and cleared once it is recorded. */
import type { ContractContext } from './harness';

export function describeCreationIntentsContract(context: ContractContext): void {
  describe('creation intents', () => {
    const intent = {
      customerId: 'contoso',
      upn: 'Jane.Doe@contoso.com',
      operationKey: 'add-user:request:teams:19:abc:1',
      requestedBy: 'teams:aad-1',
    };

    it('records an intent with the current time and finds it by customer and UPN, whatever the case', async () => {
      const recorded = await context.store.creationIntents.record(intent);
      expect(recorded).toEqual({ ...intent, createdAt: context.clock.now() });
      expect(await context.store.creationIntents.find('contoso', 'jane.doe@CONTOSO.com')).toEqual(recorded);
      expect(await context.store.creationIntents.find('fabrikam', 'jane.doe@contoso.com')).toBeNull();
    });

    it('keeps one intent per UPN: a later one replaces the earlier', async () => {
      await context.store.creationIntents.record(intent);
      context.clock.advance(1000);
      const later = await context.store.creationIntents.record({
        ...intent,
        upn: 'jane.doe@contoso.com',
        operationKey: 'add-user:request:cli:2',
      });
      expect(await context.store.creationIntents.find('contoso', intent.upn)).toEqual(later);
    });

    it('clears an intent once, saying whether there was one', async () => {
      await context.store.creationIntents.record(intent);
      expect(await context.store.creationIntents.clear('contoso', 'JANE.DOE@contoso.com')).toBe(true);
      expect(await context.store.creationIntents.find('contoso', intent.upn)).toBeNull();
      expect(await context.store.creationIntents.clear('contoso', intent.upn)).toBe(false);
    });

    it('keeps an intent across a restart, so a run after a crash finds it', async () => {
      const recorded = await context.store.creationIntents.record(intent);
      const store = await context.restart();
      expect(await store.creationIntents.find('contoso', intent.upn)).toEqual(recorded);
    });
  });
}
