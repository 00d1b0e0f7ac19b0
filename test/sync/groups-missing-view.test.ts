/** What a groups-missing card says and what its buttons are named, per kind (issue 12: buttons say what they do). */
import type { Discrepancy } from '../../store/types';
import { asksFirst } from '../../sync/decision-confirmation';
import { describeDiscrepancy } from '../../sync/discrepancy-view';

const sales = { id: 'g-1', name: 'Sales' };
const allStaff = { id: 'g-2', name: 'All Staff' };
const longName = { id: 'g-3', name: 'Contoso Europe – Field Engineering' };

function groupsMissing(missing: { id: string; name: string }[]): Discrepancy {
  return {
    id: 'd-1',
    customerId: 'contoso',
    objectId: 'u-1',
    upn: 'adele.vance@contoso.com',
    kind: 'groups-missing',
    status: 'open',
    expected: { planId: 'sales-team', groups: [sales, allStaff, longName] },
    actual: { missing },
    runId: 'run-1',
    firstSeenAt: new Date(0),
    lastSeenAt: new Date(0),
  };
}

const context = { customerName: 'Contoso Ltd', planNames: new Map([['sales-team', 'Sales team']]) };

describe('a groups-missing card', () => {
  it('names the missing groups, the plan, and what each button does', () => {
    const view = describeDiscrepancy(groupsMissing([sales, allStaff]), context);
    expect(view).toMatchObject({
      kind: 'groups-missing',
      summary: 'adele.vance@contoso.com is not in Sales, All Staff, groups of their plan Sales team.',
      expected: 'member of Sales, All Staff, Contoso Europe – Field Engineering',
      actual: 'not in Sales, All Staff',
      approveLabel: 'Accept: leave out of Sales, All Staff',
      revokeLabel: 'Add back to Sales, All Staff',
      revokeMeans: 'Add adele.vance@contoso.com back to Sales, All Staff.',
    });
  });

  it('counts the groups on its buttons when their names would make a long button', () => {
    const view = describeDiscrepancy(groupsMissing([sales, allStaff, longName]), context);
    expect(view.revokeLabel).toBe('Add back to 3 groups');
    expect(view.approveLabel).toBe('Accept: leave out of 3 groups');
    expect(view.summary).toContain('Contoso Europe – Field Engineering');
  });

  it('adds back without asking first: joining takes nothing away', () => {
    expect(asksFirst(groupsMissing([sales]), 'revoke')).toBe(false);
  });
});
