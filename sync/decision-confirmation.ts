/**
 * Which decisions ask before they act, and what the question says (design §9: every destructive effect asks
 * first). An Approve only records the tenant's state in m365ops, so it never asks; a Revoke asks when it removes
 * licences or an admin role, or gives an admin role back. "Approve all" asks once for the whole batch. The
 * question names the effect and the user ("Remove both licences from aaron.price@contoso.com?").
 */
import { roleName } from '../core/admin-role';
import { describeKind } from '../core/discrepancy-kinds';
import { describeLicences } from '../core/licence-names';
import { countOf, possessive } from '../core/words';
import type { Discrepancy, DiscrepancyKind } from '../store/types';

export interface DecisionQuestion {
  title: string;
  summary: string[];
  confirmLabel: string;
}

export interface QuestionContext {
  customerName: string;
  /** planId → plan name. */
  planNames: ReadonlyMap<string, string>;
}

/** Whether a Revoke of `d` takes something away (licences, a role) or gives an admin role: it asks first. */
export function revokeAsksFirst(d: Discrepancy): boolean {
  switch (d.kind) {
    case 'unmanaged-user':
      return listOf(d.actual.skuIds).length > 0;
    case 'admin-granted':
    case 'admin-revoked':
      return true;
    case 'plan-changed':
    case 'licenses-drifted':
      return removedSkus(d).length > 0;
    default:
      return false;
  }
}

export function asksFirst(d: Discrepancy, action: 'approve' | 'revoke'): boolean {
  return action === 'revoke' && revokeAsksFirst(d);
}

/** The question a Revoke of `d` asks (call only when `revokeAsksFirst`). */
export function revokeQuestion(d: Discrepancy, context: QuestionContext): DecisionQuestion {
  const { upn } = d;
  const tenant = `${possessive(context.customerName)} tenant`;
  const planName = (planId: unknown) =>
    typeof planId === 'string' ? (context.planNames.get(planId) ?? planId) : 'custom licences';
  switch (d.kind) {
    case 'admin-granted':
      return {
        title: `Remove the ${roleName(d.expected.role)} role from ${upn}?`,
        summary: [
          `${upn} was given the role outside m365ops; this takes it away in ${tenant}.`,
          'They keep their account, licences and mailbox.',
        ],
        confirmLabel: 'Remove admin',
      };
    case 'admin-revoked':
      return {
        title: `Give ${upn} the ${roleName(d.expected.role)} role again?`,
        summary: [`The role was removed in ${tenant}; this gives it back, with everything the role may do there.`],
        confirmLabel: 'Give admin back',
      };
    case 'unmanaged-user': {
      const skus = listOf(d.actual.skus);
      return {
        title: `Remove ${licenceCount(skus.length)} from ${upn}?`,
        summary: [
          `Takes ${describeLicences(skus)} from ${upn} in ${tenant}; m365ops does not manage this user.`,
          'Their account stays, but they lose what the licences give (such as Office apps, mail and Teams).',
        ],
        confirmLabel: 'Remove licences',
      };
    }
    default:
      return {
        title: `Put ${upn} back on ${planName(d.expected.planId)}?`,
        summary: [
          `Removes ${describeLicences(removedSkus(d))} and gives ${listOf(d.expected.skus).length > 0 ? describeLicences(listOf(d.expected.skus)) : 'the plan’s licences'} again, in one licence change.`,
          'They lose what the removed licences give.',
        ],
        confirmLabel: 'Put licences back',
      };
  }
}

/** The one question "Approve all" (or a Revoke of all) asks for its batch. */
export function batchQuestion(
  kind: DiscrepancyKind,
  action: 'approve' | 'revoke',
  decidable: readonly Discrepancy[],
  context: QuestionContext & { ownChanges: number },
): DecisionQuestion {
  const n = decidable.length;
  const verb = action === 'approve' ? 'Approve' : 'Revoke';
  const shown = decidable.slice(0, 10).map((d) => d.upn);
  const more = n > shown.length ? ` and ${n - shown.length} more` : '';
  return {
    title: `${verb} all ${countOf(n, 'discrepancy', 'discrepancies')} of ${context.customerName}: ${describeKind(kind)}?`,
    summary: [
      action === 'approve'
        ? 'm365ops records what the tenant holds for each; nothing changes in the tenant.'
        : 'Puts the tenant back for each, as its Revoke button would, including removals.',
      `Users: ${shown.join(', ')}${more}.`,
      ...(context.ownChanges > 0 ? [`${context.ownChanges} you caused are left for another approver.`] : []),
    ],
    confirmLabel: `${verb} all ${n}`,
  };
}

function removedSkus(d: Discrepancy): string[] {
  const kept = new Set(listOf(d.expected.skuIds).map((id) => id.toLowerCase()));
  const ids = listOf(d.actual.skuIds);
  const names = listOf(d.actual.skus);
  return ids.flatMap((id, i) => (kept.has(id.toLowerCase()) ? [] : [names[i] ?? id]));
}

/** "the licence", "both licences", "all 3 licences". */
function licenceCount(n: number): string {
  if (n === 1) return 'the licence';
  return n === 2 ? 'both licences' : `all ${n} licences`;
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
