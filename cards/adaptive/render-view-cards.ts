/** Read-only views as Adaptive Cards: user list, status, plans, help and the sync summary. */
import type { HelpReply, PlansReply, StatusReply, SyncSummaryReply, UserListReply } from '../../core/reply';
import { andMore, takeFirst } from '../present';
import helpTemplate from '../templates/help.json';
import plansTemplate from '../templates/plans.json';
import statusTemplate from '../templates/status.json';
import syncSummaryTemplate from '../templates/sync-summary.json';
import usersTemplate from '../templates/users.json';
import {
  describeNoChannel,
  describePlan,
  describePlansHeading,
  describeStatusFacts,
  describeStatusPlan,
  describeSyncFacts,
  describeSyncOutcome,
  describeUser,
  describeUsersHeading,
  groupHelpByRole,
} from '../view-lines';
import { type AdaptiveCard, expandTemplate } from './adaptive-card';

/** Teams refuses messages over about 28 KB; a user is about 250 bytes of card. */
const maxUsersInCard = 60;

export function renderUsersCard(reply: UserListReply): AdaptiveCard {
  const { shown, hidden } = takeFirst(reply.users, maxUsersInCard);
  return expandTemplate(usersTemplate, {
    heading: describeUsersHeading(reply),
    users: shown.map((user) => ({
      displayName: user.displayName,
      upn: user.upn,
      details: describeUser(user, reply.planNames),
    })),
    more: hidden > 0 ? andMore(hidden, 'users') : '',
  });
}

export function renderStatusCard(reply: StatusReply): AdaptiveCard {
  return expandTemplate(statusTemplate, {
    customers: reply.customers.map((customer) => ({
      id: customer.id,
      name: customer.name,
      facts: asFacts(describeStatusFacts(customer)),
      plans: customer.plans.map((plan) => ({ text: describeStatusPlan(plan) })),
    })),
  });
}

export function renderPlansCard(reply: PlansReply): AdaptiveCard {
  return expandTemplate(plansTemplate, {
    heading: describePlansHeading(reply),
    plans: reply.plans.map((plan) => ({ id: plan.id, name: plan.name, details: describePlan(plan) })),
  });
}

export function renderHelpCard(reply: HelpReply): AdaptiveCard {
  return expandTemplate(helpTemplate, { groups: groupHelpByRole(reply) });
}

export function renderSyncSummaryCard(reply: SyncSummaryReply): AdaptiveCard {
  return expandTemplate(syncSummaryTemplate, {
    customers: reply.customers.map((customer) => ({
      customerName: customer.customerName,
      outcome: describeSyncOutcome(customer),
      color: customer.outcome === 'failed' ? 'Attention' : customer.outcome === 'ok' ? 'Good' : 'Default',
      error: customer.error ?? '',
      notice: describeNoChannel(customer),
      facts: asFacts(describeSyncFacts(customer)),
    })),
  });
}

function asFacts(lines: { label: string; value: string }[]): { title: string; value: string }[] {
  return lines.map((line) => ({ title: line.label, value: line.value }));
}
