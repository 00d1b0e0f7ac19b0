/**
 * Every Reply as an Adaptive Card 1.5. `renderReplyCard` never shows a secret's value: a temporary password goes
 * only through `renderSecretCard`, which the transport sends to the requester in private.
 */
import type { ConfirmReply, ConsentLinkReply, ErrorReply, Reply, ResultReply, Secret } from '../../core/reply';
import { actionData, cancelAction, cancelledCode, runTextAction } from '../actions';
import { describeFileInline } from '../file-lines';
import { formatTime, isCommandSuggestion } from '../present';
import { describeProgressSteps, progressTone, retryFailedStepsLabel } from '../progress-lines';
import { describeResultCustomer, describeResultFacts } from '../result-lines';
import confirmTemplate from '../templates/confirm.json';
import consentLinkTemplate from '../templates/consent-link.json';
import errorTemplate from '../templates/error.json';
import resultTemplate from '../templates/result.json';
import secretTemplate from '../templates/secret.json';
import textTemplate from '../templates/text.json';
import workingTemplate from '../templates/working.json';
import { type AdaptiveCard, executeAction, expandTemplate } from './adaptive-card';
import { renderAdminAccessCard } from './render-admin-access-card';
import {
  renderClickedCard,
  renderDigestCard,
  renderDiscrepancyCard,
  renderDiscrepancyListCard,
} from './render-discrepancy-card';
import { renderDoctorCard } from './render-doctor-card';
import { renderFormCard } from './render-form-card';
import { renderLicencesCard } from './render-licences-card';
import { renderPreviewCard } from './render-preview-card';
import { renderRequestCard, renderRequestListCard } from './render-request-card';
import {
  renderHelpCard,
  renderPlansCard,
  renderStatusCard,
  renderSyncSummaryCard,
  renderUsersCard,
} from './render-view-cards';
import { renderWelcomeCard } from './render-welcome-card';

export function renderReplyCard(reply: Reply): AdaptiveCard {
  switch (reply.kind) {
    case 'result':
      return renderResultCard(reply);
    case 'error':
      return reply.current
        ? renderClickedCard(reply.current, { text: reply.message, tone: 'attention' })
        : renderErrorCard(reply);
    case 'form':
      return renderFormCard(reply);
    case 'confirm':
      return renderConfirmCard(reply);
    case 'users':
      return renderUsersCard(reply);
    case 'status':
      return renderStatusCard(reply);
    case 'plans':
      return renderPlansCard(reply);
    case 'consent-link':
      return renderConsentLinkCard(reply);
    case 'help':
      return renderHelpCard(reply);
    case 'welcome':
      return renderWelcomeCard(reply);
    case 'discrepancy':
      return renderDiscrepancyCard(reply.discrepancy);
    case 'digest':
      return renderDigestCard(reply);
    case 'discrepancy-list':
      return renderDiscrepancyListCard(reply);
    case 'sync-summary':
      return renderSyncSummaryCard(reply);
    case 'doctor':
      return renderDoctorCard(reply);
    case 'admin-access':
      return renderAdminAccessCard(reply);
    case 'text':
      return reply.current
        ? renderClickedCard(reply.current, { text: reply.text, tone: 'info' })
        : expandTemplate(textTemplate, { text: reply.text });
    case 'approval-request':
      return renderRequestCard(reply);
    case 'approval-requests':
      return renderRequestListCard(reply);
    case 'licences':
      return renderLicencesCard(reply);
    case 'preview':
      return renderPreviewCard(reply);
  }
}

/** The temporary password, for the requester's eyes only (a personal chat or a private message). */
export function renderSecretCard(secret: Secret): AdaptiveCard {
  return expandTemplate(secretTemplate, { label: secret.label, value: secret.value });
}

/** Posted at once for long work and updated in place with the result. */
export function renderWorkingCard(text = 'This can take a moment; this card will show the result.'): AdaptiveCard {
  return expandTemplate(workingTemplate, { text });
}

const titleColors = { done: 'Good', waiting: 'Default', failed: 'Attention' } as const;

function renderResultCard(reply: ResultReply): AdaptiveCard {
  const tenant = describeResultCustomer(reply);
  const { progress } = reply;
  const trail = [
    ...(tenant ? [{ title: 'Customer', value: tenant }] : []),
    ...(reply.auditId ? [{ title: 'Audit id', value: reply.auditId }] : []),
    ...(progress ? [{ title: 'Operation', value: progress.operationId }] : []),
  ];
  const card = expandTemplate(resultTemplate, {
    title: reply.title,
    titleColor: titleColors[progressTone(progress)],
    facts: describeResultFacts(reply).map((fact) => ({ title: fact.label, value: fact.value })),
    hasProgress: progress !== undefined,
    progressSummary: progress?.summary ?? '',
    steps: progress ? describeProgressSteps(progress).map((text) => ({ text })) : [],
    notes: (reply.notes ?? []).map((text) => ({ text })),
    hasSecret: reply.secret !== undefined,
    secretNote: reply.secret ? `${reply.secret.label}: sent to you privately, shown once.` : '',
    ...describeFileInline(reply.file),
    trail,
  });
  if (progress?.retry) card.actions = [executeAction(retryFailedStepsLabel, actionData(progress.retry))];
  return card;
}

function renderErrorCard(reply: ErrorReply): AdaptiveCard {
  const suggestions = reply.suggestions ?? [];
  const runnable = suggestions.filter(isCommandSuggestion);
  const others = suggestions.filter((suggestion) => !isCommandSuggestion(suggestion));
  return expandTemplate(errorTemplate, {
    message: reply.message,
    color: reply.code === cancelledCode ? 'Default' : 'Attention',
    neededRole: reply.neededRole ?? '',
    suggestionText: others.length > 0 ? `Did you mean: ${others.join(', ')}?` : '',
    actions: runnable.slice(0, 5).map((suggestion) => executeAction(suggestion, runTextAction(suggestion))),
  });
}

function renderConfirmCard(reply: ConfirmReply): AdaptiveCard {
  const confirm = executeAction(reply.confirmLabel, actionData(reply.confirmCommand), { style: 'destructive' });
  const base = reply.current?.listing
    ? renderDiscrepancyListCard(reply.current.listing)
    : reply.current?.digest
      ? renderDigestCard(reply.current.digest)
      : reply.current?.discrepancy
        ? renderDiscrepancyCard(reply.current.discrepancy)
        : undefined;
  if (!base) {
    return expandTemplate(confirmTemplate, {
      title: reply.title,
      summary: reply.summary.map((text) => ({ text })),
      actions: [confirm, executeAction('Cancel', cancelAction(), { ignoreInputs: true })],
    });
  }
  // A decision that asks first: the question on top of the clicked card, which stays as it was under it; Cancel
  // only hides the question (nothing was sent, nothing changed).
  const question = expandTemplate(confirmTemplate, {
    title: reply.title,
    summary: reply.summary.map((text) => ({ text })),
    actions: [confirm, { type: 'Action.ToggleVisibility', title: 'Cancel', targetElements: [questionId] }],
  });
  return {
    ...base,
    body: [{ type: 'Container', id: questionId, style: 'warning', items: question.body }, ...base.body],
  };
}

const questionId = 'confirmation';

/** The link as copyable text (a TextRun: never Markdown) and a button; once answered, what came of it. */
function renderConsentLinkCard(reply: ConsentLinkReply): AdaptiveCard {
  const url = reply.outcome ? undefined : reply.url;
  return expandTemplate(consentLinkTemplate, {
    customerName: reply.customerName,
    expires: formatTime(reply.expiresAt),
    url: url ?? '',
    answered: !url,
    outcomeText: reply.outcome?.text ?? 'This link has been used.',
    answeredAt: formatTime(reply.outcome?.at),
    actions: [
      ...(url ? [{ type: 'Action.OpenUrl', title: 'Open the consent page', url }] : []),
      executeAction('Verify consent', actionData({ name: 'verify-consent', customerId: reply.customerId })),
    ],
  });
}
