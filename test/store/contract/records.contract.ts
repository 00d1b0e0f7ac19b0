/** Contract: the audit log and idempotent operations. */
import { type ContractContext, codeOf, inParallel } from './harness';

export function describeRecordsContract(context: ContractContext): void {
  describe('audit', () => {
    const entry = (action: string, changes: Record<string, unknown> = {}) => ({
      actor: 'teams:aad-1',
      where: 'Teams channel General',
      customerId: 'contoso',
      action,
      result: 'ok' as const,
      ...changes,
    });

    it('appends records with an id and the current time, readable by id', async () => {
      const record = await context.store.audit.append(entry('addUser', { details: { upn: 'a@contoso.com' } }));
      expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(record.at).toEqual(context.clock.now());
      expect(await context.store.audit.get(record.id)).toEqual(record);
    });

    it('lists newest first, filtered by customer and actor, with a limit', async () => {
      const first = await context.store.audit.append(entry('one'));
      context.clock.advance(1000);
      const second = await context.store.audit.append(entry('two', { actor: 'sync' }));
      const third = await context.store.audit.append(entry('three'));
      await context.store.audit.append(entry('other', { customerId: 'fabrikam' }));
      const actions = (list: { action: string }[]) => list.map((r) => r.action);
      expect(actions(await context.store.audit.list({ customerId: 'contoso' }))).toEqual(['three', 'two', 'one']);
      expect(actions(await context.store.audit.list({ actor: 'sync' }))).toEqual([second.action]);
      expect(actions(await context.store.audit.list({ customerId: 'contoso', limit: 2 }))).toEqual(['three', 'two']);
      expect(await context.store.audit.list()).toHaveLength(4);
      expect(third.at.getTime() - first.at.getTime()).toBe(1000);
    });
  });

  describe('operations', () => {
    const op = { key: 'add:contoso:adele', type: 'addUser', customerId: 'contoso', requestedBy: 'slack:U1' };

    it('begins an operation once and returns the same one on a repeat', async () => {
      const first = await context.store.operations.begin(op);
      expect(first).toMatchObject({ created: true, operation: { state: 'started', steps: {} } });
      const again = await context.store.operations.begin({ ...op, requestedBy: 'slack:U2' });
      expect(again).toEqual({ operation: first.operation, created: false });
    });

    it('starts exactly one of 50 concurrent begins with one key', async () => {
      const results = await inParallel(50, () => context.store.operations.begin(op));
      expect(results.filter((r) => r.created)).toHaveLength(1);
    });

    it('records steps and finishes with a result', async () => {
      await context.store.operations.begin(op);
      await context.store.operations.recordStep(op.key, 'createUser', { objectId: 'oid-1' });
      await context.store.operations.recordStep(op.key, 'assignLicenses', { skuIds: ['s1'] });
      context.clock.advance(1000);
      const done = await context.store.operations.finish(op.key, 'done', { result: { objectId: 'oid-1' } });
      expect(done).toMatchObject({
        state: 'done',
        steps: { createUser: { objectId: 'oid-1' }, assignLicenses: { skuIds: ['s1'] } },
        result: { objectId: 'oid-1' },
      });
      expect(done.updatedAt.getTime() - done.createdAt.getTime()).toBe(1000);
      expect(await context.store.operations.get(op.key)).toEqual(done);
    });

    it('finishes a failed operation with its error', async () => {
      await context.store.operations.begin(op);
      const failed = await context.store.operations.finish(op.key, 'failed', { error: 'no free licence' });
      expect(failed).toMatchObject({ state: 'failed', error: 'no free licence' });
    });

    it('reports not-found for steps of an unknown operation', async () => {
      expect(await codeOf(context.store.operations.recordStep('nope', 'x', {}))).toBe('not-found');
      expect(await context.store.operations.get('nope')).toBeNull();
    });
  });
}
