/** Contract: tracked operations — short ids, steps changed one at a time (one of many racing wins), card refs kept. */
import type { NewTrackedOperation } from '../../../store/tracked-operation';
import { type ContractContext, codeOf, inParallel } from './harness';

export function describeTrackedOperationsContract(context: ContractContext): void {
  const started = (changes: Partial<NewTrackedOperation> = {}): NewTrackedOperation => ({
    customerId: 'contoso',
    kind: 'add-user',
    upn: 'Jane.Doe@contoso.com',
    requestedBy: 'teams:helpdesk-1',
    steps: [
      { key: 'account', label: 'Create the account', state: 'pending' },
      { key: 'aliases', label: 'Add the aliases', state: 'pending' },
    ],
    input: { objectId: 'obj-1', aliases: ['jd@contoso.com'] },
    ...changes,
  });
  const ref = { platform: 'teams' as const, ref: { activityId: 'a-1', conversation: { id: '19:helpdesk' } } };

  describe('tracked operations', () => {
    it('records an operation under a short id and reads it back in any case', async () => {
      const created = await context.store.trackedOperations.create(started());
      expect(created).toEqual({
        ...started(),
        id: expect.stringMatching(/^[A-Z2-9]{6}$/),
        messageRefs: [],
        createdAt: context.clock.now(),
        updatedAt: context.clock.now(),
      });
      expect(await context.store.trackedOperations.get(created.id.toLowerCase())).toEqual(created);
      expect(await context.store.trackedOperations.get('NOPE22')).toBeNull();
    });

    it('changes one step and leaves the others as they were', async () => {
      const { id } = await context.store.trackedOperations.create(started());
      const at = context.clock.advance(1000);
      const retryAt = new Date(at.getTime() + 600_000);
      const waiting = await context.store.trackedOperations.setStep(id, 'aliases', {
        state: 'waiting',
        detail: 'The mailbox is not ready yet.',
        retryAt,
        at,
      });
      expect(waiting?.won).toBe(true);
      expect(waiting?.operation.steps).toEqual([
        { key: 'account', label: 'Create the account', state: 'pending' },
        {
          key: 'aliases',
          label: 'Add the aliases',
          state: 'waiting',
          detail: 'The mailbox is not ready yet.',
          retryAt,
          at,
        },
      ]);
      expect(waiting?.operation.updatedAt).toEqual(at);
      const done = await context.store.trackedOperations.setStep(id, 'aliases', { state: 'done', at });
      expect(done?.operation.steps[1]).toEqual({ key: 'aliases', label: 'Add the aliases', state: 'done', at });
      expect(await context.store.trackedOperations.get(id)).toEqual(done?.operation);
    });

    it('lets exactly one of many racing calls move a step from a state', async () => {
      const { id } = await context.store.trackedOperations.create(started());
      await context.store.trackedOperations.setStep(id, 'account', { state: 'failed', at: context.clock.now() });
      const results = await inParallel(5, () =>
        context.store.trackedOperations.setStep(id, 'account', { state: 'running', at: context.clock.now() }, [
          'failed',
        ]),
      );
      expect(results.filter((result) => result?.won)).toHaveLength(1);
      const lost = results.find((result) => !result?.won);
      expect(lost?.operation.steps[0]?.state).toBe('running');
    });

    it('keeps a bulk batch whole, and gives each of its rows to one of two racing runners', async () => {
      const keys = Array.from({ length: 12 }, (_, index) => `row:${index + 2}`);
      const rows = keys.map((_key, index) => ({
        row: index + 2,
        command: { name: 'remove-user', upn: `u${index}@contoso.com`, delete: false, confirmed: true },
      }));
      const batch = await context.store.trackedOperations.create(
        started({
          kind: 'bulk',
          upn: 'users.csv',
          steps: keys.map((key) => ({ key, label: `Row ${key}`, state: 'pending' })),
          input: { rows, requester: { identity: 'teams:helpdesk-1', origin: 'teams', isPersonal: true } },
        }),
      );
      expect((await context.store.trackedOperations.get(batch.id))?.input).toEqual(batch.input);
      const claims = await inParallel(2, () =>
        Promise.all(
          keys.map((key) =>
            context.store.trackedOperations.setStep(batch.id, key, { state: 'running', at: context.clock.now() }, [
              'pending',
            ]),
          ),
        ),
      );
      const won = keys.map((_key, index) => claims.filter((runner) => runner[index]?.won).length);
      expect(won).toEqual(keys.map(() => 1));
    });

    it('answers null for an unknown operation and not-found for an unknown step', async () => {
      const { id } = await context.store.trackedOperations.create(started());
      const change = { state: 'done' as const, at: context.clock.now() };
      expect(await context.store.trackedOperations.setStep('NOPE22', 'account', change)).toBeNull();
      expect(await codeOf(context.store.trackedOperations.setStep(id, 'nothing', change))).toBe('not-found');
    });

    it('merges what steps learn into the input and keeps each card ref once', async () => {
      const { id } = await context.store.trackedOperations.create(started());
      const merged = await context.store.trackedOperations.mergeInput(id, { mailbox: 'ready' });
      expect(merged.input).toEqual({ objectId: 'obj-1', aliases: ['jd@contoso.com'], mailbox: 'ready' });
      await context.store.trackedOperations.addMessageRef(id, ref);
      const again = await context.store.trackedOperations.addMessageRef(id, ref);
      expect(again.messageRefs).toEqual([ref]);
      expect(await codeOf(context.store.trackedOperations.addMessageRef('NOPE22', ref))).toBe('not-found');
    });

    it("lists a customer's operations newest first, by UPN in any case and by kind", async () => {
      const first = await context.store.trackedOperations.create(started());
      context.clock.advance(1000);
      const other = await context.store.trackedOperations.create(started({ upn: 'john@contoso.com' }));
      context.clock.advance(1000);
      const third = await context.store.trackedOperations.create(started({ kind: 'change-plan' }));
      await context.store.trackedOperations.create(started({ customerId: 'northwind' }));
      const all = await context.store.trackedOperations.list('contoso');
      expect(all.map((op) => op.id)).toEqual([third.id, other.id, first.id]);
      const jane = await context.store.trackedOperations.list('contoso', { upn: 'jane.doe@CONTOSO.com' });
      expect(jane.map((op) => op.id)).toEqual([third.id, first.id]);
      const adds = await context.store.trackedOperations.list('contoso', {
        upn: 'jane.doe@contoso.com',
        kind: 'add-user',
      });
      expect(adds.map((op) => op.id)).toEqual([first.id]);
    });

    it('keeps operations across a restart', async () => {
      const created = await context.store.trackedOperations.create(started());
      await context.store.trackedOperations.addMessageRef(created.id, ref);
      const store = await context.restart();
      expect((await store.trackedOperations.get(created.id))?.messageRefs).toEqual([ref]);
    });
  });
}
