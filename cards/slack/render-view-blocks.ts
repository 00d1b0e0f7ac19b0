/** Read-only views in Block Kit: user list, status, plans, help and the sync summary. */
import type { HelpReply, PlansReply, StatusReply, SyncSummaryReply, UserListReply } from '../../core/reply';
import { andMore, takeFirst } from '../present';
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
import {
  context,
  divider,
  escapeText,
  factSections,
  fitMessage,
  header,
  lineSections,
  type SlackBlock,
  section,
} from './block-kit';

/** More than this is not read in a chat message; `users` in the CLI lists them all. */
const maxUsersInMessage = 200;

export function renderUsersBlocks(reply: UserListReply): SlackBlock[] {
  const { shown, hidden } = takeFirst(reply.users, maxUsersInMessage);
  const lines = shown.map(
    (user) =>
      `*${escapeText(user.displayName)}* · ${escapeText(user.upn)}\n    ${escapeText(describeUser(user, reply.planNames))}`,
  );
  const blocks = [header(describeUsersHeading(reply)), ...lineSections(lines, 45, 'users')];
  return hidden > 0 ? [...blocks, context(andMore(hidden, 'users'))] : blocks;
}

export function renderStatusBlocks(reply: StatusReply): SlackBlock[] {
  if (reply.customers.length === 0) {
    return [header('Status'), section('No customers yet. An admin adds one with `customer add <id> "<name>"`.')];
  }
  const blocks: SlackBlock[] = [header('Status')];
  for (const customer of reply.customers) {
    blocks.push(divider(), section(`*${escapeText(customer.name)}* (${escapeText(customer.id)})`));
    blocks.push(...factSections(describeStatusFacts(customer)));
    if (customer.plans.length > 0) {
      blocks.push(context(customer.plans.map((plan) => escapeText(describeStatusPlan(plan))).join('\n')));
    }
  }
  return fitMessage(blocks, 'customers');
}

export function renderPlansBlocks(reply: PlansReply): SlackBlock[] {
  if (reply.plans.length === 0) {
    return [
      header(describePlansHeading(reply)),
      section('No plans yet. An admin adds one with `plan add <id> "<name>" skus <SKU>`.'),
    ];
  }
  const lines = reply.plans.map(
    (plan) => `*${escapeText(plan.name)}* (${escapeText(plan.id)})\n    ${escapeText(describePlan(plan))}`,
  );
  return [header(describePlansHeading(reply)), ...lineSections(lines, 45, 'plans')];
}

export function renderHelpBlocks(reply: HelpReply): SlackBlock[] {
  const blocks: SlackBlock[] = [header('What m365ops can do')];
  for (const group of groupHelpByRole(reply)) {
    const lines = group.commands.map(
      (command) =>
        `\`${escapeText(command.usage)}\`\n    ${escapeText(command.description)} _Example:_ \`${escapeText(command.example)}\``,
    );
    blocks.push(section(`*${escapeText(group.title)}*`), ...lineSections(lines, 10, 'commands'));
  }
  return fitMessage(blocks, 'commands');
}

export function renderSyncSummaryBlocks(reply: SyncSummaryReply): SlackBlock[] {
  if (reply.customers.length === 0) return [header('Sync finished'), section('No customer was due for a sync.')];
  const blocks: SlackBlock[] = [header('Sync finished')];
  for (const customer of reply.customers) {
    blocks.push(section(`*${escapeText(customer.customerName)}*: ${describeSyncOutcome(customer)}`));
    if (customer.error) blocks.push(context(`:warning: ${escapeText(customer.error)}`));
    blocks.push(...factSections(describeSyncFacts(customer)));
    if (customer.noChannel) blocks.push(context(escapeText(describeNoChannel(customer))));
  }
  return fitMessage(blocks, 'customers');
}
