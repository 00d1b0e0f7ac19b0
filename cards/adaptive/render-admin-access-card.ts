/** Admin access (a time-boxed role ending, ended or overdue; `admins`) as an Adaptive Card. */
import type { AdminAccessReply } from '../../core/reply';
import { actionData } from '../actions';
import { type AdaptiveCard, actionSet, type CardElement, executeAction } from './adaptive-card';
import { escapeCardText } from './plain-text';

const colors = { info: 'Good', warning: 'Warning', alert: 'Attention' } as const;

export function renderAdminAccessCard(reply: AdminAccessReply): AdaptiveCard {
  const body: CardElement[] = [
    { type: 'TextBlock', text: reply.title, size: 'Medium', weight: 'Bolder', color: colors[reply.tone], wrap: true },
  ];
  for (const section of reply.sections) {
    if (section.heading) {
      body.push({ type: 'TextBlock', text: section.heading, weight: 'Bolder', wrap: true, spacing: 'Medium' });
    }
    if (section.facts.length > 0) {
      body.push({ type: 'FactSet', facts: section.facts.map((fact) => ({ title: fact.label, value: fact.value })) });
    }
    if (section.actions.length > 0) {
      body.push(
        actionSet(
          section.actions.map((action) =>
            executeAction(action.label, actionData(action.command), {
              style: action.command.name === 'revoke-admin' ? 'destructive' : undefined,
            }),
          ),
        ),
      );
    }
  }
  for (const note of reply.notes) body.push({ type: 'TextBlock', text: note, wrap: true, spacing: 'Small' });
  body.push({ type: 'TextBlock', text: `Customer: ${reply.customerName}`, isSubtle: true, size: 'Small', wrap: true });
  return escapeCardText({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
  });
}
