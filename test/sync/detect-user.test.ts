import type { TenantSku, TenantUser } from '../../m365/types';
import type { Customer, Plan, ServiceUser } from '../../store/types';
import { detectAdminDrift } from '../../sync/detect-admin';
import { detectDeletion } from '../../sync/detect-identity';
import { detectUser } from '../../sync/detect-user';
import { buildPlanCatalog } from '../../sync/plan-catalog';

const spb = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const basic = '3b555118-da6a-4418-894f-7df1e2096870';
const exchange = '4b9405b0-7788-4568-add1-99614e613b69';

const skus: TenantSku[] = [sku(spb, 'SPB'), sku(basic, 'O365_BUSINESS_ESSENTIALS'), sku(exchange, 'EXCHANGESTANDARD')];
const plans: Plan[] = [plan('business-premium', ['SPB']), plan('business-basic', ['O365_BUSINESS_ESSENTIALS'])];
const customer: Customer = {
  id: 'contoso',
  name: 'Contoso Ltd',
  tenantId: 't-1',
  plans: [{ planId: 'business-premium' }, { planId: 'business-basic' }],
  syncPolicy: { autoApprove: [] },
  consent: { status: 'granted' },
  createdAt: new Date(0),
  updatedAt: new Date(0),
};
const context = { catalog: buildPlanCatalog(customer, plans, skus), adminRole: 'Global Administrator' };

function sku(skuId: string, skuPartNumber: string): TenantSku {
  return {
    skuId,
    skuPartNumber,
    capabilityStatus: 'Enabled',
    enabledUnits: 10,
    consumedUnits: 1,
    availableUnits: 9,
    servicePlans: [],
  };
}
function plan(id: string, partNumbers: string[]): Plan {
  return { id, name: id, skus: partNumbers, disabledPlans: {}, createdAt: new Date(0), updatedAt: new Date(0) };
}
function record(changes: Partial<ServiceUser> = {}): ServiceUser {
  return {
    customerId: 'contoso',
    objectId: 'u-1',
    upn: 'adele@contoso.com',
    displayName: 'Adele Vance',
    planId: 'business-premium',
    admin: false,
    aliases: [],
    status: 'active',
    createdBy: 'cli:ops',
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...changes,
  };
}
function tenantUser(skuIds: string[], changes: Partial<TenantUser> = {}): TenantUser {
  return {
    id: 'u-1',
    userPrincipalName: 'adele@contoso.com',
    displayName: 'Adele Vance',
    accountEnabled: true,
    assignedLicenses: skuIds.map((skuId) => ({ skuId, disabledPlans: [] })),
    usageLocation: 'US',
    proxyAddresses: [],
    ...changes,
  };
}
const kinds = (findings: { kind: string }[]) => findings.map((finding) => finding.kind);

describe('detectUser', () => {
  it('finds nothing when the tenant matches the record', () => {
    expect(detectUser({ record: record(), user: tenantUser([spb]), isAdmin: false }, context)).toEqual([]);
  });

  it('finds licenses-removed when every licence is gone', () => {
    const [finding] = detectUser({ record: record(), user: tenantUser([]), isAdmin: false }, context);
    expect(finding).toMatchObject({
      kind: 'licenses-removed',
      objectId: 'u-1',
      expected: { planId: 'business-premium', skus: ['SPB'] },
    });
  });

  it('finds plan-changed when the licences equal another enabled plan', () => {
    const [finding] = detectUser({ record: record(), user: tenantUser([basic]), isAdmin: false }, context);
    expect(finding).toMatchObject({
      kind: 'plan-changed',
      actual: { planId: 'business-basic', skus: ['O365_BUSINESS_ESSENTIALS'] },
    });
  });

  it('finds licenses-drifted when the licences match no plan', () => {
    const [finding] = detectUser({ record: record(), user: tenantUser([spb, exchange]), isAdmin: false }, context);
    expect(finding).toMatchObject({
      kind: 'licenses-drifted',
      actual: { planId: null, skus: ['SPB', 'EXCHANGESTANDARD'] },
    });
  });

  it('accepts custom licences that still match the recorded ones', () => {
    const custom = record({ planId: null, customSkuIds: [exchange, spb] });
    expect(detectUser({ record: custom, user: tenantUser([spb, exchange]), isAdmin: false }, context)).toEqual([]);
  });

  it('does not guess when the recorded plan is no longer enabled for the customer', () => {
    const retired = record({ planId: 'retired-plan' });
    expect(detectUser({ record: retired, user: tenantUser([exchange]), isAdmin: false }, context)).toEqual([]);
  });

  it('follows the object id: a new UPN is upn-changed, not a second user', () => {
    const findings = detectUser(
      { record: record(), user: tenantUser([spb], { userPrincipalName: 'adele.vance@contoso.com' }), isAdmin: false },
      context,
    );
    expect(kinds(findings)).toEqual(['upn-changed']);
    expect(findings[0]).toMatchObject({ upn: 'adele@contoso.com', actual: { upn: 'adele.vance@contoso.com' } });
  });

  it('ignores a UPN that differs only in case', () => {
    const user = tenantUser([spb], { userPrincipalName: 'Adele@Contoso.com' });
    expect(detectUser({ record: record(), user, isAdmin: false }, context)).toEqual([]);
  });

  it('finds admin-revoked when the role m365ops gave is gone', () => {
    const findings = detectUser({ record: record({ admin: true }), user: tenantUser([spb]), isAdmin: false }, context);
    expect(kinds(findings)).toEqual(['admin-revoked']);
  });

  it('finds admin-granted when the role was given outside m365ops', () => {
    expect(kinds(detectUser({ record: record(), user: tenantUser([spb]), isAdmin: true }, context))).toEqual([
      'admin-granted',
    ]);
  });

  it('reports several kinds of one user at once', () => {
    const user = tenantUser([basic], { userPrincipalName: 'a.vance@contoso.com' });
    expect(kinds(detectUser({ record: record({ admin: true }), user, isAdmin: false }, context))).toEqual([
      'upn-changed',
      'plan-changed',
      'admin-revoked',
    ]);
  });

  it('finds an unmanaged licensed user with the plan its licences match', () => {
    const [finding] = detectUser({ record: null, user: tenantUser([basic]), isAdmin: true }, context);
    expect(finding).toMatchObject({
      kind: 'unmanaged-user',
      upn: 'adele@contoso.com',
      actual: { planId: 'business-basic', admin: true, displayName: 'Adele Vance', usageLocation: 'US' },
    });
  });

  it('leaves unlicensed users m365ops does not manage alone', () => {
    expect(detectUser({ record: null, user: tenantUser([]), isAdmin: false }, context)).toEqual([]);
  });

  it('treats a removed record whose user got licences again as unmanaged', () => {
    const removed = record({ status: 'removed' });
    expect(kinds(detectUser({ record: removed, user: tenantUser([spb]), isAdmin: false }, context))).toEqual([
      'unmanaged-user',
    ]);
  });
});

describe('detectDeletion and detectAdminDrift', () => {
  it('says how a managed user left the tenant', () => {
    expect(detectDeletion(record(), 'soft')).toMatchObject({ kind: 'user-deleted', actual: { deleted: 'soft' } });
  });

  it('finds no admin drift when the record and the role agree', () => {
    expect(detectAdminDrift(record({ admin: true }), true, 'Global Administrator')).toBeNull();
  });

  describe('time-boxed grants', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const view = (endsAt: Date | undefined) => ({ grants: new Map([[record().objectId, { endsAt }]]), now });

    it('is not drift while a role m365ops gave lasts, even before the record says admin', () => {
      const until = new Date('2026-03-02T13:00:00Z');
      expect(detectAdminDrift(record({ admin: false }), true, 'Global Administrator', view(until))).toBeNull();
    });

    it('reports a role that outlived its end as admin-granted, whose Revoke removes it', () => {
      const ended = new Date('2026-03-02T11:00:00Z');
      expect(detectAdminDrift(record({ admin: true }), true, 'Global Administrator', view(ended))).toMatchObject({
        kind: 'admin-granted',
        expected: { admin: false, endedAt: ended.toISOString() },
        actual: { admin: true },
      });
    });
  });
});
