/** Contract: discrepancies, one unclosed per user and kind, decided once. */
import type { Discrepancy, DiscrepancyDecision } from '../../../store/types';
import { type ContractContext, codeOf, inParallel } from './harness';

type Found = Parameters<ContractContext['store']['discrepancies']['upsertOpen']>[0];

function found(changes: Partial<Found> = {}): Found {
  return {
    customerId: 'contoso',
    objectId: 'oid-1',
    upn: 'adele@contoso.com',
    kind: 'admin-revoked',
    expected: { admin: true },
    actual: { admin: false },
    runId: 'run-1',
    ...changes,
  };
}

export function describeDiscrepanciesContract(context: ContractContext): void {
  const decision = (by: string, action: DiscrepancyDecision['action'] = 'approve'): DiscrepancyDecision => ({
    by,
    action,
    at: context.clock.now(),
  });

  async function openOne(changes: Partial<Found> = {}): Promise<Discrepancy> {
    return (await context.store.discrepancies.upsertOpen(found(changes))).discrepancy;
  }

  describe('discrepancies', () => {
    it('creates an open discrepancy, then updates the same one on the next run', async () => {
      const first = await context.store.discrepancies.upsertOpen(found({ causedBy: 'teams:aad-2' }));
      expect(first.created).toBe(true);
      expect(first.discrepancy).toMatchObject({ status: 'open', causedBy: 'teams:aad-2', runId: 'run-1' });
      context.clock.advance(60_000);
      const again = await context.store.discrepancies.upsertOpen(found({ runId: 'run-2', actual: { admin: 'x' } }));
      expect(again.created).toBe(false);
      expect(again.discrepancy.id).toBe(first.discrepancy.id);
      expect(again.discrepancy).toMatchObject({ runId: 'run-2', actual: { admin: 'x' } });
      expect(again.discrepancy.firstSeenAt).toEqual(first.discrepancy.firstSeenAt);
      expect(again.discrepancy.lastSeenAt.getTime()).toBe(first.discrepancy.firstSeenAt.getTime() + 60_000);
      expect(await context.store.discrepancies.get(first.discrepancy.id)).toEqual(again.discrepancy);
    });

    it('keeps different kinds and users apart', async () => {
      const a = await openOne();
      const b = await openOne({ kind: 'plan-changed' });
      const c = await openOne({ objectId: 'oid-2' });
      expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    });

    it('creates exactly one discrepancy from 100 concurrent upserts of one key', async () => {
      const results = await inParallel(100, (i) =>
        context.store.discrepancies.upsertOpen(found({ runId: `run-${i}` })),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.discrepancy.id)).size).toBe(1);
      expect(await context.store.discrepancies.listOpen('contoso')).toHaveLength(1);
    });

    it('lists open ones oldest first, optionally of one kind, and all of them newest first', async () => {
      const first = await openOne();
      context.clock.advance(1000);
      const second = await openOne({ objectId: 'oid-2', kind: 'user-deleted' });
      context.clock.advance(1000);
      const third = await openOne({ objectId: 'oid-3' });
      await openOne({ customerId: 'fabrikam' });
      await context.store.discrepancies.resolve(third.id);
      const ids = (list: Discrepancy[]) => list.map((d) => d.id);
      expect(ids(await context.store.discrepancies.listOpen('contoso'))).toEqual([first.id, second.id]);
      expect(ids(await context.store.discrepancies.listOpen('contoso', 'user-deleted'))).toEqual([second.id]);
      expect(await context.store.discrepancies.countOpen('contoso')).toBe(2);
      expect(await context.store.discrepancies.countOpen('fabrikam')).toBe(1);
      expect(await context.store.discrepancies.countOpen('northwind')).toBe(0);
      expect(ids(await context.store.discrepancies.list('contoso'))).toEqual([third.id, second.id, first.id]);
      expect(ids(await context.store.discrepancies.list('contoso', { limit: 2 }))).toEqual([third.id, second.id]);
    });

    it('records where the notification was posted', async () => {
      const open = await openOne();
      const ref = { platform: 'slack' as const, ref: { channel: 'C001', ts: '1700000000.000100' } };
      expect((await context.store.discrepancies.setMessageRef(open.id, ref)).messageRef).toEqual(ref);
      expect((await context.store.discrepancies.get(open.id))?.messageRef).toEqual(ref);
    });

    it('lets the first of 100 concurrent decisions win and tells the others who decided', async () => {
      const open = await openOne();
      const results = await inParallel(100, (i) =>
        context.store.discrepancies.claimDecision(open.id, decision(`slack:U${i}`, i % 2 ? 'revoke' : 'approve')),
      );
      const winners = results.filter((r) => r.won);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.discrepancy.decision!;
      for (const loser of results.filter((r) => !r.won)) {
        expect(loser.discrepancy.status).toBe('deciding');
        expect(loser.discrepancy.decision).toEqual(winner);
      }
    });

    it('completes a claimed decision and keeps it closed', async () => {
      const open = await openOne();
      await context.store.discrepancies.claimDecision(open.id, decision('slack:U1'));
      context.clock.advance(2000);
      const done = await context.store.discrepancies.completeDecision(open.id, 'approved', {
        ...decision('slack:U1'),
        result: 'applied',
        auditId: 'audit-1',
      });
      expect(done).toMatchObject({ status: 'approved', decision: { result: 'applied', auditId: 'audit-1' } });
      expect(done.closedAt).toEqual(context.clock.now());
      const late = await context.store.discrepancies.claimDecision(open.id, decision('slack:U2'));
      expect(late.won).toBe(false);
      expect(late.discrepancy.decision?.by).toBe('slack:U1');
    });

    it('opens a new discrepancy for the same key once the previous one is closed', async () => {
      const open = await openOne();
      await context.store.discrepancies.claimDecision(open.id, decision('slack:U1'));
      await context.store.discrepancies.completeDecision(open.id, 'approved', decision('slack:U1'));
      const next = await context.store.discrepancies.upsertOpen(found({ runId: 'run-9' }));
      expect(next.created).toBe(true);
      expect(next.discrepancy.id).not.toBe(open.id);
    });

    it('treats a deciding discrepancy as unclosed for upserts', async () => {
      const open = await openOne();
      await context.store.discrepancies.claimDecision(open.id, decision('slack:U1'));
      const again = await context.store.discrepancies.upsertOpen(found({ runId: 'run-2' }));
      expect(again).toMatchObject({ created: false, discrepancy: { id: open.id, status: 'deciding' } });
    });

    it('lists a discrepancy as open until it is closed, including while deciding and after a reopen', async () => {
      const resolved = await openOne({ objectId: 'oid-1' });
      const decided = await openOne({ objectId: 'oid-2' });
      const reopened = await openOne({ objectId: 'oid-3' });
      const objectIds = async () =>
        (await context.store.discrepancies.listOpen('contoso')).map((d) => d.objectId).sort();
      await context.store.discrepancies.resolve(resolved.id);
      await context.store.discrepancies.claimDecision(decided.id, decision('teams:a'));
      await context.store.discrepancies.claimDecision(reopened.id, decision('teams:a', 'revoke'));
      expect(await objectIds()).toEqual(['oid-2', 'oid-3']);
      await context.store.discrepancies.completeDecision(decided.id, 'approved', decision('teams:a'));
      await context.store.discrepancies.reopen(reopened.id, 'Graph said no.');
      expect(await objectIds()).toEqual(['oid-3']);
      expect((await context.store.discrepancies.list('contoso')).length).toBe(3);
    });

    it('refuses to complete a discrepancy nobody claimed', async () => {
      const open = await openOne();
      expect(await codeOf(context.store.discrepancies.completeDecision(open.id, 'revoked', decision('x')))).toBe(
        'conflict',
      );
    });

    it('reopens a failed revoke, clearing the decision and keeping the error', async () => {
      const open = await openOne();
      await context.store.discrepancies.claimDecision(open.id, decision('slack:U1', 'revoke'));
      const reopened = await context.store.discrepancies.reopen(open.id, 'Graph said 403');
      expect(reopened.status).toBe('open');
      expect(reopened.lastError).toBe('Graph said 403');
      expect('decision' in reopened).toBe(false);
      expect((await context.store.discrepancies.claimDecision(open.id, decision('slack:U2'))).won).toBe(true);
    });

    it('refuses to reopen an open discrepancy', async () => {
      const open = await openOne();
      expect(await codeOf(context.store.discrepancies.reopen(open.id, 'x'))).toBe('conflict');
    });

    it('resolves only an open discrepancy', async () => {
      const open = await openOne();
      const resolved = await context.store.discrepancies.resolve(open.id);
      expect(resolved?.status).toBe('resolved');
      expect(resolved?.closedAt).toBeInstanceOf(Date);
      expect(await context.store.discrepancies.resolve(open.id)).toBeNull();
      const claimed = await openOne();
      await context.store.discrepancies.claimDecision(claimed.id, decision('slack:U1'));
      expect(await context.store.discrepancies.resolve(claimed.id)).toBeNull();
    });

    it('reports not-found for decisions on an unknown discrepancy', async () => {
      expect(await codeOf(context.store.discrepancies.claimDecision('nope', decision('x')))).toBe('not-found');
      expect(await context.store.discrepancies.get('nope')).toBeNull();
    });
  });
}
