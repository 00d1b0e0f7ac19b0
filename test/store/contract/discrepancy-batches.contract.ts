/** Contract: the batch forms of the discrepancy writes do what the single calls do, item by item, races included. */
import type { FoundDiscrepancy, UpsertedDiscrepancy } from '../../../store/ports';
import type { Discrepancy, DiscrepancyDecision, MessageRef } from '../../../store/types';
import { type ContractContext, codeOf, inParallel } from './harness';

function found(objectId: string, changes: Partial<FoundDiscrepancy> = {}): FoundDiscrepancy {
  return {
    customerId: 'contoso',
    objectId,
    upn: `${objectId}@contoso.com`,
    kind: 'admin-revoked',
    expected: { admin: true },
    actual: { admin: false },
    runId: 'run-1',
    ...changes,
  };
}

const users = (count: number, prefix = 'oid') => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
const slackRef = (ts: string): MessageRef => ({ platform: 'slack', ref: { channel: 'C001', ts } });

export function describeDiscrepancyBatchesContract(context: ContractContext): void {
  const decision = (by: string): DiscrepancyDecision => ({ by, action: 'approve', at: context.clock.now() });
  const discrepancies = () => context.store.discrepancies;

  describe('discrepancy batches', () => {
    it('creates the new ones and updates the unclosed ones, results in the order given', async () => {
      const earlier = await discrepancies().upsertOpen(found('oid-1'));
      context.clock.advance(60_000);
      const results = await discrepancies().upsertOpenMany([
        found('oid-0', { runId: 'run-2' }),
        found('oid-1', { runId: 'run-2', actual: { admin: 'x' } }),
        found('oid-1', { runId: 'run-2', kind: 'plan-changed' }),
      ]);
      expect(results.map((r) => [r.discrepancy.objectId, r.discrepancy.kind, r.created])).toEqual([
        ['oid-0', 'admin-revoked', true],
        ['oid-1', 'admin-revoked', false],
        ['oid-1', 'plan-changed', true],
      ]);
      expect(results[1]!.discrepancy).toMatchObject({
        id: earlier.discrepancy.id,
        runId: 'run-2',
        actual: { admin: 'x' },
      });
      expect(results[1]!.discrepancy.firstSeenAt).toEqual(earlier.discrepancy.firstSeenAt);
      expect(results[1]!.discrepancy.lastSeenAt).toEqual(context.clock.now());
      for (const { discrepancy } of results) expect(await discrepancies().get(discrepancy.id)).toEqual(discrepancy);
    });

    it('creates a key given twice in one batch once, and the second updates it', async () => {
      const results = await discrepancies().upsertOpenMany([
        found('oid-1', { runId: 'run-a' }),
        found('oid-2'),
        found('oid-1', { runId: 'run-b', upn: 'renamed@contoso.com' }),
      ]);
      expect(results.map((r) => r.created)).toEqual([true, true, false]);
      expect(results[2]!.discrepancy).toMatchObject({ id: results[0]!.discrepancy.id, runId: 'run-b' });
      expect(await discrepancies().listOpen('contoso')).toHaveLength(2);
      expect((await discrepancies().get(results[0]!.discrepancy.id))?.upn).toBe('renamed@contoso.com');
    });

    it('answers an empty batch with nothing', async () => {
      expect(await discrepancies().upsertOpenMany([])).toEqual([]);
      expect(await discrepancies().getMany([])).toEqual([]);
      expect(await discrepancies().resolveMany([])).toEqual([]);
      await discrepancies().setMessageRefs([]);
    });

    it('creates exactly one per key from concurrent batches and single calls', async () => {
      const keys = users(10);
      const results = await inParallel(12, (i) =>
        i % 4 === 0
          ? Promise.all(keys.map((key) => discrepancies().upsertOpen(found(key, { runId: `run-${i}` }))))
          : discrepancies().upsertOpenMany(keys.map((key) => found(key, { runId: `run-${i}` }))),
      );
      for (const [k, key] of keys.entries()) {
        const ofKey = results.map((batch) => batch[k]!);
        expect(ofKey.every((r) => r.discrepancy.objectId === key)).toBe(true);
        expect(ofKey.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(ofKey.map((r) => r.discrepancy.id)).size).toBe(1);
      }
      expect(await discrepancies().listOpen('contoso')).toHaveLength(keys.length);
    });

    it('never reopens or revives a discrepancy a concurrent decision closed', async () => {
      const keys = users(8);
      const opened = await discrepancies().upsertOpenMany(keys.map((key) => found(key)));
      for (const { discrepancy } of opened) await discrepancies().claimDecision(discrepancy.id, decision('teams:a'));
      const [batch, ...completed] = await Promise.all([
        discrepancies().upsertOpenMany(keys.map((key) => found(key, { runId: 'run-2' }))),
        ...opened.map(({ discrepancy }) =>
          discrepancies().completeDecision(discrepancy.id, 'approved', decision('teams:a')),
        ),
      ]);
      expect(completed.every((d) => (d as Discrepancy).status === 'approved')).toBe(true);
      for (const [k, { discrepancy: before }] of opened.entries()) {
        expect((await discrepancies().get(before.id))?.status).toBe('approved');
        const result = (batch as UpsertedDiscrepancy[])[k]!;
        // Either it updated the deciding one before the decision closed it, or it opened a new one after.
        expect(result.created).toBe(result.discrepancy.id !== before.id);
      }
      const open = await discrepancies().listOpen('contoso');
      expect(open.length).toBe(new Set(open.map((d) => d.objectId)).size);
    });

    it('reads many by id, in the order asked, each once, leaving absent ones out', async () => {
      const [a, b] = await discrepancies().upsertOpenMany([found('oid-a'), found('oid-b')]);
      const many = await discrepancies().getMany([b!.discrepancy.id, 'nope', a!.discrepancy.id, b!.discrepancy.id]);
      expect(many).toEqual([b!.discrepancy, a!.discrepancy]);
    });

    it('records each card, or one digest for all, and names an absent id after writing the rest', async () => {
      const opened = (await discrepancies().upsertOpenMany(users(3).map((key) => found(key)))).map(
        (r) => r.discrepancy,
      );
      const [first, second, third] = opened.map((d) => d.id) as [string, string, string];
      await discrepancies().setMessageRefs([
        { id: first, messageRef: slackRef('1') },
        { id: second, messageRef: slackRef('2') },
        { id: first, messageRef: slackRef('3') },
      ]);
      expect((await discrepancies().getMany([first, second])).map((d) => d.messageRef)).toEqual([
        slackRef('3'),
        slackRef('2'),
      ]);
      const digest = slackRef('digest');
      const refused = discrepancies().setMessageRefs([first, 'nope', third].map((id) => ({ id, messageRef: digest })));
      expect(await codeOf(refused)).toBe('not-found');
      expect((await discrepancies().getMany([first, third])).map((d) => d.messageRef)).toEqual([digest, digest]);
    });

    it('resolves only the open ones, returning them in the order given', async () => {
      const opened = (await discrepancies().upsertOpenMany(users(4).map((key) => found(key)))).map(
        (r) => r.discrepancy,
      );
      const [open, claimed, again, other] = opened.map((d) => d.id) as [string, string, string, string];
      await discrepancies().claimDecision(claimed, decision('teams:a'));
      context.clock.advance(5_000);
      const resolved = await discrepancies().resolveMany([again, claimed, 'nope', open, again]);
      expect(resolved.map((d) => [d.id, d.status])).toEqual([
        [again, 'resolved'],
        [open, 'resolved'],
      ]);
      expect(resolved[0]!.closedAt).toEqual(context.clock.now());
      expect((await discrepancies().get(claimed))?.status).toBe('deciding');
      expect((await discrepancies().get(other))?.status).toBe('open');
      expect((await discrepancies().upsertOpen(found('oid-0'))).created).toBe(true);
    });

    it('lets a concurrent claim and a batch resolve each take a discrepancy, never both', async () => {
      const ids = (await discrepancies().upsertOpenMany(users(10).map((key) => found(key)))).map(
        (r) => r.discrepancy.id,
      );
      const [resolved, ...claims] = await Promise.all([
        discrepancies().resolveMany(ids),
        ...ids.map((id) => discrepancies().claimDecision(id, decision('teams:a'))),
      ]);
      const resolvedIds = new Set((resolved as Discrepancy[]).map((d) => d.id));
      ids.forEach((id, i) => {
        const claim = claims[i] as { won: boolean };
        expect(claim.won).toBe(!resolvedIds.has(id));
      });
      for (const d of await discrepancies().getMany(ids)) {
        expect(d.status).toBe(resolvedIds.has(d.id) ? 'resolved' : 'deciding');
      }
    });

    it('keeps what a batch wrote after a restart', async () => {
      const results = await discrepancies().upsertOpenMany(users(5).map((key) => found(key)));
      await discrepancies().setMessageRefs(results.map((r) => ({ id: r.discrepancy.id, messageRef: slackRef('d') })));
      const [resolved] = await discrepancies().resolveMany([results[0]!.discrepancy.id]);
      const reopened = await context.restart();
      expect(await reopened.discrepancies.get(resolved!.id)).toEqual(resolved);
      expect((await reopened.discrepancies.listOpen('contoso')).map((d) => d.messageRef)).toEqual(
        Array(4).fill(slackRef('d')),
      );
    });
  });
}
