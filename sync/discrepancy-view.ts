/** A stored discrepancy as the card shows it: what sync found, what each button would do, and who decided. */

import { roleName } from '../core/admin-role';
import { describeLicences } from '../core/licence-names';
import { type FoundGroup, groupNames } from '../core/plan-groups';
import type { DiscrepancyView } from '../core/reply';
import { possessive } from '../core/words';
import type { Discrepancy, DiscrepancyKind } from '../store/types';
import { revokeAsksFirst } from './decision-confirmation';
import { storedGroups } from './detect-groups';

export interface ViewContext {
  customerName: string;
  /** planId → plan name. */
  planNames: ReadonlyMap<string, string>;
  /** Display name of whoever decided, when known (falls back to their identity). */
  deciderName?: string;
  /** What the applied decision did, from its audit record. */
  done?: string;
}

export function describeDiscrepancy(discrepancy: Discrepancy, context: ViewContext): DiscrepancyView {
  const words = describeFinding(discrepancy, context);
  const { decision } = discrepancy;
  const view: DiscrepancyView = {
    id: discrepancy.id,
    customerId: discrepancy.customerId,
    customerName: context.customerName,
    kind: discrepancy.kind,
    upn: discrepancy.upn,
    summary:
      discrepancy.status === 'open' && discrepancy.lastError
        ? `${words.summary} The last Revoke failed: ${discrepancy.lastError}`
        : words.summary,
    expected: words.expected,
    actual: words.actual,
    approveMeans: words.approveMeans,
    revokeMeans: words.revokeMeans,
    ...buttonLabels(discrepancy, context),
    status: discrepancy.status,
  };
  if (decision) {
    view.decision = decision.action;
    view.decidedBy = context.deciderName ?? (decision.by === 'sync' ? undefined : decision.by);
    view.decidedAt = decision.at.toISOString();
    if (decision.result) view.result = decision.result === 'applied' ? 'applied' : `failed: ${decision.error ?? ''}`;
    if (decision.result === 'applied' && context.done) view.done = context.done;
  }
  return view;
}

/** What the two buttons say they do, per kind; a label ends in "…" when its button asks first. */
const labels: Record<
  Exclude<DiscrepancyKind, 'unmanaged-user' | 'groups-missing'>,
  [approve: string, revoke: string]
> = {
  'user-deleted': ['Accept removal', 'Restore user'],
  'licenses-removed': ['Accept change', 'Put licences back'],
  'plan-changed': ['Accept change', 'Put licences back'],
  'licenses-drifted': ['Accept change', 'Put licences back'],
  'admin-revoked': ['Accept removal', 'Give admin back'],
  'admin-granted': ['Keep admin', 'Remove admin'],
  'upn-changed': ['Accept new name', 'Rename back'],
};

function buttonLabels(d: Discrepancy, context: ViewContext): { approveLabel: string; revokeLabel: string } {
  const asks = (label: string) => (revokeAsksFirst(d) ? `${label}…` : label);
  if (d.kind === 'groups-missing') {
    const groups = buttonGroups(storedGroups(d.actual.missing));
    return { approveLabel: `Accept: leave out of ${groups}`, revokeLabel: asks(`Add back to ${groups}`) };
  }
  if (d.kind !== 'unmanaged-user') {
    const [approve, revoke] = labels[d.kind];
    return { approveLabel: approve, revokeLabel: asks(revoke) };
  }
  const planId = d.actual.planId;
  const plan = typeof planId === 'string' ? (context.planNames.get(planId) ?? planId) : undefined;
  return {
    approveLabel: plan ? `Adopt under ${plan}` : 'Adopt with custom licences',
    revokeLabel: asks('Remove licences'),
  };
}

/** The groups a button names: "Sales, All Staff", or "3 groups" when the names would make a long button. */
function buttonGroups(groups: readonly FoundGroup[]): string {
  const names = groupNames(groups);
  return names.length <= 40 || groups.length < 2 ? names : `${groups.length} groups`;
}

interface FindingWords {
  summary: string;
  expected: string;
  actual: string;
  approveMeans: string;
  revokeMeans: string;
}

function describeFinding(d: Discrepancy, context: ViewContext): FindingWords {
  const planName = (planId: unknown) =>
    typeof planId === 'string' ? (context.planNames.get(planId) ?? planId) : 'custom licences';
  const skus = (value: unknown) => describeLicences(Array.isArray(value) ? value.map(String) : []);
  // A plan and its licences, each named once ("Microsoft 365 Business Premium", not "… Premium (SPB)").
  const planOf = (planId: unknown, value: unknown) => {
    const licences = skus(value);
    return planName(planId) === licences ? licences : `${planName(planId)} (${licences})`;
  };
  const { expected, actual, upn } = d;
  switch (d.kind) {
    case 'user-deleted': {
      return {
        summary: `${upn} was deleted in ${possessive(context.customerName)} tenant.`,
        expected: `active on ${planName(expected.planId)}`,
        actual: howDeleted(actual.deleted),
        approveMeans: `Mark ${upn} removed and free their ${planName(expected.planId)} seat.`,
        revokeMeans: `Restore ${upn} from deleted users and give back the ${planName(expected.planId)} licences.`,
      };
    }
    case 'licenses-removed':
      return {
        summary: `All licences of ${upn} were removed in the tenant.`,
        expected: planOf(expected.planId, expected.skus),
        actual: 'no licences',
        approveMeans: `Mark ${upn} removed and free their seat.`,
        revokeMeans: `Give ${upn} the ${planName(expected.planId)} licences again.`,
      };
    case 'plan-changed':
      return {
        summary: `${upn} was switched to ${planName(actual.planId)} in the tenant.`,
        expected: planOf(expected.planId, expected.skus),
        actual: planOf(actual.planId, actual.skus),
        approveMeans: `Record ${planName(actual.planId)} as ${upn}'s plan.`,
        revokeMeans: `Put ${upn} back on ${planName(expected.planId)} in one licence change.`,
      };
    case 'licenses-drifted':
      return {
        summary: `The licences of ${upn} match no plan of ${context.customerName}.`,
        expected: planOf(expected.planId, expected.skus),
        actual: skus(actual.skus),
        approveMeans: `Record ${skus(actual.skus)} as ${upn}'s custom licences.`,
        revokeMeans: `Give ${upn} exactly the ${planName(expected.planId)} licences again.`,
      };
    case 'admin-revoked':
      return {
        summary: `The ${roleName(expected.role)} role of ${upn} was removed in the tenant.`,
        expected: 'admin: yes',
        actual: 'admin: no',
        approveMeans: `Record that ${upn} is no longer an admin.`,
        revokeMeans: `Give ${upn} the ${roleName(expected.role)} role again.`,
      };
    case 'admin-granted':
      return {
        summary: `${upn} was given the ${roleName(expected.role)} role outside m365ops.`,
        expected: 'admin: no',
        actual: 'admin: yes',
        approveMeans:
          expected.managed === false
            ? `Accept it: ${upn} is not managed by m365ops; the role stays and is not reported again.`
            : `Record ${upn} as an admin.`,
        revokeMeans: `Remove the ${roleName(expected.role)} role from ${upn}.`,
      };
    case 'upn-changed':
      return {
        summary: `${expected.upn} was renamed to ${actual.upn} in the tenant (the same user).`,
        expected: String(expected.upn),
        actual: String(actual.upn),
        approveMeans: `Rename the record to ${actual.upn} (no second user).`,
        revokeMeans: `Rename the user back to ${expected.upn} in the tenant.`,
      };
    case 'unmanaged-user':
      return describeUnmanaged(d, planName, skus);
    case 'groups-missing':
      return describeGroupsMissing(d, planName);
  }
}

function describeGroupsMissing(d: Discrepancy, planName: (planId: unknown) => string): FindingWords {
  const { upn } = d;
  const groups = storedGroups(d.actual.missing);
  const missing = groupNames(groups);
  const wanted = groupNames(storedGroups(d.expected.groups));
  const ofPlan = `${groups.length === 1 ? 'a group' : 'groups'} of their plan ${planName(d.expected.planId)}`;
  return {
    summary: `${upn} is not in ${missing}, ${ofPlan}.`,
    expected: `member of ${wanted}`,
    actual: `not in ${missing}`,
    approveMeans: `Leave ${upn} out of ${missing}; sync stops reporting it.`,
    revokeMeans: `Add ${upn} back to ${missing}.`,
  };
}

function howDeleted(deleted: unknown): string {
  if (deleted === 'permanent') return 'permanently deleted';
  return deleted === 'missing' ? 'no longer in the tenant' : 'deleted (restorable for 30 days)';
}

function describeUnmanaged(
  d: Discrepancy,
  planName: (planId: unknown) => string,
  skus: (value: unknown) => string,
): FindingWords {
  const { actual, upn } = d;
  const adopted = typeof actual.planId === 'string';
  return {
    summary: `${upn} holds ${skus(actual.skus)} licences m365ops does not manage.`,
    expected: 'not a service user',
    actual: `${adopted ? planName(actual.planId) : 'custom licences'} (${skus(actual.skus)})${actual.admin ? ', admin' : ''}`,
    approveMeans: adopted ? `Adopt ${upn} under ${planName(actual.planId)}.` : `Adopt ${upn} with custom licences.`,
    revokeMeans: `Remove the licences of ${upn}.`,
  };
}
