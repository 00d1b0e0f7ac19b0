import { findPlanGroup, missingGroupSentence } from '../../core/plan-groups';
import type { TenantGroup } from '../../m365/types';

const group = (id: string, displayName: string): TenantGroup => ({
  id,
  displayName,
  groupTypes: [],
  securityEnabled: true,
  mailEnabled: false,
  assignedSkuIds: [],
});
const groups = [
  group('11111111-0000-4000-8000-000000000001', 'Sales'),
  group('11111111-0000-4000-8000-000000000002', 'All Staff'),
  group('11111111-0000-4000-8000-000000000003', 'Finance'),
  group('11111111-0000-4000-8000-000000000004', 'Finance'),
];

describe('a plan group in a tenant', () => {
  it('is found by display name in any case, named as the tenant spells it', () => {
    expect(findPlanGroup('all staff', groups)).toEqual({
      found: { id: '11111111-0000-4000-8000-000000000002', name: 'All Staff' },
    });
  });

  it('is found by object id', () => {
    expect(findPlanGroup('11111111-0000-4000-8000-000000000001', groups)).toEqual({
      found: { id: '11111111-0000-4000-8000-000000000001', name: 'Sales' },
    });
  });

  it('is not guessed at when two groups share the name, nor found when the tenant has none of that name', () => {
    expect(findPlanGroup('Finance', groups)).toEqual({ missing: 'Finance', reason: 'ambiguous' });
    expect(findPlanGroup('Marketing', groups)).toEqual({ missing: 'Marketing', reason: 'unknown' });
  });
});

describe('why a name is not one group', () => {
  it('lists the object ids of the groups sharing a name, so the plan can name the one meant', () => {
    expect(missingGroupSentence('finance', groups, "Contoso's tenant")).toBe(
      '2 groups in Contoso\'s tenant are called "finance" (object ids 11111111-0000-4000-8000-000000000003, 11111111-0000-4000-8000-000000000004); name the one meant by its object id.',
    );
  });

  it('lists the groups there are when the tenant has none of that name', () => {
    expect(missingGroupSentence('Marketing', groups, "Contoso's tenant")).toBe(
      'There is no group "Marketing" in Contoso\'s tenant; its groups are All Staff, Finance, Finance, Sales.',
    );
  });
});
