/**
 * The approval request card: who asks, for whom, which role, how long, why, the ticket; Approve, and Deny with an
 * optional comment (an Action.ShowCard holding the comment input) while open; once closed, who decided, when and
 * with what comment, and no buttons.
 */
import type { ApprovalRequestListReply, ApprovalRequestReply, ApprovalRequestView } from '../../core/reply';
import { actionData, commentInputId } from '../actions';
import {
  approveCommand,
  denyCommand,
  describeRequestHeading,
  describeRequestStatus,
  describeRequestsNotShown,
} from '../request-lines';
import { type AdaptiveCard, type CardElement, executeAction } from './adaptive-card';
import { escapeCardText } from './plain-text';

const schema = 'http://adaptivecards.io/schemas/adaptive-card.json';

export function renderRequestCard(reply: ApprovalRequestReply): AdaptiveCard {
  const note: CardElement[] = reply.note ? [{ type: 'TextBlock', text: reply.note, wrap: true, weight: 'Bolder' }] : [];
  return card([...note, ...requestBody(reply.request)], buttonsOf(reply.request));
}

export function renderRequestListCard(reply: ApprovalRequestListReply): AdaptiveCard {
  const body: CardElement[] = [{ type: 'TextBlock', text: reply.title, size: 'Medium', weight: 'Bolder', wrap: true }];
  if (reply.requests.length === 0) body.push({ type: 'TextBlock', text: 'No request is waiting.', wrap: true });
  const shown = reply.requests.slice(0, 20);
  for (const view of shown) {
    body.push({
      type: 'Container',
      separator: true,
      items: [...requestBody(view), { type: 'ActionSet', actions: buttonsOf(view) }],
    });
  }
  const more = describeRequestsNotShown(reply.requests.length, shown.length);
  if (more) body.push({ type: 'TextBlock', text: more, wrap: true, separator: true });
  return card(body, []);
}

function requestBody(view: ApprovalRequestView): CardElement[] {
  return [
    { type: 'TextBlock', text: describeRequestHeading(view), size: 'Medium', weight: 'Bolder', wrap: true },
    { type: 'FactSet', facts: view.facts.map((fact) => ({ title: fact.label, value: fact.value })) },
    {
      type: 'TextBlock',
      text: describeRequestStatus(view),
      wrap: true,
      color: view.state === 'approved' ? 'Good' : view.state === 'open' ? 'Default' : 'Attention',
    },
  ];
}

function buttonsOf(view: ApprovalRequestView): CardElement[] {
  if (view.state !== 'open') return [];
  return [
    executeAction('Approve', actionData(approveCommand(view)), { style: 'positive' }),
    {
      type: 'Action.ShowCard',
      title: 'Deny',
      card: {
        type: 'AdaptiveCard',
        body: [
          {
            type: 'Input.Text',
            id: commentInputId(view.id),
            label: 'Comment for the requester (optional)',
            isMultiline: true,
            maxLength: 500,
          },
        ],
        actions: [executeAction('Deny', actionData(denyCommand(view)), { style: 'destructive' })],
      },
    },
  ];
}

function card(body: CardElement[], actions: CardElement[]): AdaptiveCard {
  return escapeCardText({
    type: 'AdaptiveCard',
    $schema: schema,
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  });
}
