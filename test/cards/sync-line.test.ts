import { describeSyncLine } from '../../cards/view-lines';
import type { SyncSummaryReply } from '../../core/reply';

type SyncCustomer = SyncSummaryReply['customers'][number];

const ok: SyncCustomer = {
  customerId: 'contoso',
  customerName: 'Contoso Ltd',
  outcome: 'ok',
  found: 0,
  autoApproved: 0,
  posted: 0,
  resolved: 0,
  usersRead: 1,
};

describe('describeSyncLine', () => {
  it('counts in the singular and says nothing about posting when nothing was new', () => {
    expect(describeSyncLine({ ...ok, created: 0 })).toBe('Read 1 user · 0 new differences');
  });

  it('ends with what the run could not check, such as a plan group the tenant lacks', () => {
    const note = `Plan group "Marketing" of sales-team is not in Contoso Ltd's tenant; nobody was checked for it.`;
    expect(describeSyncLine({ ...ok, created: 0, notes: [note] })).toBe(`Read 1 user · 0 new differences · ${note}`);
  });

  it('says how many were posted', () => {
    expect(describeSyncLine({ ...ok, usersRead: 50, created: 3, toPost: 3, posted: 3 })).toBe(
      'Read 50 users · 3 new differences · 3 posted',
    );
  });

  it('names the command that binds a channel when none receives them', () => {
    expect(describeSyncLine({ ...ok, usersRead: 50, created: 1, toPost: 1, noChannel: true })).toBe(
      'Read 50 users · 1 new difference · 0 posted: no channel bound — run `notify here contoso`',
    );
  });

  it('says what was approved automatically or resolved, and what waits for the next run', () => {
    expect(
      describeSyncLine({ ...ok, usersRead: 9, created: 4, autoApproved: 2, resolved: 1, toPost: 2, posted: 1 }),
    ).toBe(
      'Read 9 users · 4 new differences · 2 approved automatically · 1 resolved · 1 posted (1 left for the next run)',
    );
  });
});
