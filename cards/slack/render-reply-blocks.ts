/**
 * Every Reply as a Slack message ({ text, blocks }). Buttons carry `action_id` = verb (see `verbFromActionId`)
 * and `value` = JSON of the data, read back by `commandFromAction`. `renderReplyBlocks` never shows a secret's
 * value; `renderSecretBlocks` is for the ephemeral message to the requester only.
 */
import type {
  ConfirmReply,
  ConsentLinkReply,
  ErrorReply,
  FormReply,
  Reply,
  ResultReply,
  Secret,
} from '../../core/reply';
import { possessive } from '../../core/words';
import { type ActionVerb, actionData, actionVerbs, cancelAction, cancelledCode, runTextAction } from '../actions';
import { findFormDefinition, formOpeningCommand } from '../forms';
import { formatTime, isCommandSuggestion } from '../present';
import { describeOperationId, describeProgressSteps, progressTone, retryFailedStepsLabel } from '../progress-lines';
import { describeResultCustomer, describeResultFacts } from '../result-lines';
import { actions, context, escapeText, factSections, fitMessage, header, type SlackBlock, section } from './block-kit';
import { renderAdminAccessBlocks } from './render-admin-access-blocks';
import {
  renderClickedContext,
  renderDigestBlocks,
  renderDiscrepancyBlocks,
  renderDiscrepancyListBlocks,
} from './render-discrepancy-blocks';
import { renderDoctorBlocks } from './render-doctor-blocks';
import { renderLicencesBlocks } from './render-licences-blocks';
import { renderPreviewBlocks } from './render-preview-blocks';
import { renderRequestBlocks, renderRequestListBlocks } from './render-request-blocks';
import {
  renderHelpBlocks,
  renderPlansBlocks,
  renderStatusBlocks,
  renderSyncSummaryBlocks,
  renderUsersBlocks,
} from './render-view-blocks';
import { renderWelcomeBlocks } from './render-welcome-blocks';
import { summarizeReply } from './summarize-reply';

/** Matches every action_id our buttons carry (for Bolt's `app.action(pattern, …)`). */
export const slackActionIdPattern = /^(submit-form|run|decide|decide-all|cancel)(:\d+)?$/;

/** The action_id of the link button on the consent message: Slack still posts a click on it, to be acked only. */
export const openLinkActionId = 'open-link';

/** The verb of a button's action_id (`decide:1` -> `decide`), or null when it is not one of ours. */
export function verbFromActionId(actionId: string): ActionVerb | null {
  const verb = actionId.replace(/:\d+$/, '');
  return (actionVerbs as readonly string[]).includes(verb) ? (verb as ActionVerb) : null;
}

export function renderReplyBlocks(reply: Reply): { text: string; blocks: SlackBlock[] } {
  return { text: summarizeReply(reply), blocks: fitMessage(blocksFor(reply)) };
}

/** The temporary password, for an ephemeral message to the requester or the modal's result view. */
export function renderSecretBlocks(secret: Secret): { text: string; blocks: SlackBlock[] } {
  return {
    text: secret.label,
    blocks: [
      section(`*${escapeText(secret.label)}*`),
      // plain_text, so no character of the password is taken as formatting.
      { type: 'section', text: { type: 'plain_text', text: secret.value, emoji: false } },
      context('Shown only to you and only once: m365ops does not keep it. The user must change it at first sign-in.'),
    ],
  };
}

export function renderWorkingBlocks(text = 'This can take a moment; this message will show the result.'): {
  text: string;
  blocks: SlackBlock[];
} {
  return { text: 'Working…', blocks: [section('*Working…*'), context(escapeText(text))] };
}

function blocksFor(reply: Reply): SlackBlock[] {
  switch (reply.kind) {
    case 'result':
      return resultBlocks(reply);
    case 'error':
      return reply.current ? [...errorBlocks(reply), renderClickedContext(reply.current)] : errorBlocks(reply);
    case 'form':
      return formMessageBlocks(reply);
    case 'confirm':
      return confirmBlocks(reply);
    case 'users':
      return renderUsersBlocks(reply);
    case 'status':
      return renderStatusBlocks(reply);
    case 'plans':
      return renderPlansBlocks(reply);
    case 'consent-link':
      return consentLinkBlocks(reply);
    case 'help':
      return renderHelpBlocks(reply);
    case 'welcome':
      return renderWelcomeBlocks(reply);
    case 'discrepancy':
      return renderDiscrepancyBlocks(reply.discrepancy);
    case 'digest':
      return renderDigestBlocks(reply);
    case 'discrepancy-list':
      return renderDiscrepancyListBlocks(reply);
    case 'sync-summary':
      return renderSyncSummaryBlocks(reply);
    case 'doctor':
      return renderDoctorBlocks(reply);
    case 'admin-access':
      return renderAdminAccessBlocks(reply);
    case 'text':
      return [section(escapeText(reply.text)), ...(reply.current ? [renderClickedContext(reply.current)] : [])];
    case 'approval-request':
      return renderRequestBlocks(reply);
    case 'approval-requests':
      return renderRequestListBlocks(reply);
    case 'licences':
      return renderLicencesBlocks(reply);
    case 'preview':
      return renderPreviewBlocks(reply);
  }
}

const titleIcons = { done: ':white_check_mark:', waiting: ':hourglass_flowing_sand:', failed: ':x:' } as const;

function resultBlocks(reply: ResultReply): SlackBlock[] {
  const blocks: SlackBlock[] = [
    section(`${titleIcons[progressTone(reply.progress)]} *${escapeText(reply.title)}*`),
    ...factSections(describeResultFacts(reply)),
  ];
  const { progress } = reply;
  if (progress) {
    blocks.push(section(`*${escapeText(progress.summary)}*`));
    blocks.push(section(describeProgressSteps(progress).map(escapeText).join('\n')));
    if (progress.retry) blocks.push(actions([{ title: retryFailedStepsLabel, action: actionData(progress.retry) }]));
  }
  for (const note of reply.notes ?? []) blocks.push(context(escapeText(note)));
  if (reply.secret) blocks.push(section(`*${escapeText(reply.secret.label)}*: sent to you privately, shown once.`));
  const customer = describeResultCustomer(reply);
  const trail = [
    customer && `Customer: ${customer}`,
    reply.auditId && `audit id ${reply.auditId}`,
    progress && describeOperationId(progress),
  ].filter(Boolean);
  if (trail.length > 0) blocks.push(context(escapeText(trail.join(' · '))));
  return blocks;
}

function errorBlocks(reply: ErrorReply): SlackBlock[] {
  const icon = reply.code === cancelledCode ? '' : ':warning: ';
  const blocks: SlackBlock[] = [section(`${icon}${escapeText(reply.message)}`)];
  if (reply.neededRole) blocks.push(context(`Needed role: ${escapeText(reply.neededRole)}`));
  const suggestions = reply.suggestions ?? [];
  const others = suggestions.filter((suggestion) => !isCommandSuggestion(suggestion));
  if (others.length > 0) blocks.push(context(`Did you mean: ${others.map(escapeText).join(', ')}?`));
  const runnable = suggestions.filter(isCommandSuggestion).slice(0, 5);
  if (runnable.length > 0) {
    blocks.push(actions(runnable.map((suggestion) => ({ title: suggestion, action: runTextAction(suggestion) }))));
  }
  return blocks;
}

/** In a message a form is a button that opens the modal (Slack needs the click's trigger id to open one). */
function formMessageBlocks(reply: FormReply): SlackBlock[] {
  const command = formOpeningCommand(reply);
  const blocks: SlackBlock[] = [section(`*${escapeText(reply.title)}*`)];
  for (const line of reply.info) blocks.push(context(escapeText(line)));
  const errors = Object.values(reply.errors);
  if (errors.length > 0) blocks.push(section(errors.map((error) => `:warning: ${escapeText(error)}`).join('\n')));
  blocks.push(
    actions([
      {
        title: `Open the ${findFormDefinition(reply.form).shortTitle.toLowerCase()} form`,
        action: actionData(command),
        style: 'primary',
      },
    ]),
  );
  return blocks;
}

function confirmBlocks(reply: ConfirmReply): SlackBlock[] {
  const about = reply.current?.discrepancy;
  return [
    section(`*${escapeText(reply.title)}*\n${reply.summary.map(escapeText).join('\n')}`),
    ...(about ? [renderClickedContext({ discrepancy: about })] : []),
    actions([
      { title: reply.confirmLabel, action: actionData(reply.confirmCommand), style: 'danger' },
      { title: 'Cancel', action: cancelAction() },
    ]),
  ];
}

/** The link as plain text to copy (never mrkdwn) and a button; once answered, what came of it. */
function consentLinkBlocks(reply: ConsentLinkReply): SlackBlock[] {
  const name = escapeText(reply.customerName);
  const verify = actions([
    { title: 'Verify consent', action: actionData({ name: 'verify-consent', customerId: reply.customerId }) },
  ]).elements as SlackBlock[];
  const url = reply.outcome ? undefined : reply.url;
  if (!url) {
    return [
      header(`Admin consent for ${reply.customerName}`),
      section(escapeText(reply.outcome?.text ?? 'This link has been used.')),
      context(`Answered at ${escapeText(formatTime(reply.outcome?.at))}; the link is used up.`),
      { type: 'actions', elements: verify },
    ];
  }
  return [
    header(`Admin consent for ${reply.customerName}`),
    section(
      `Send this link to ${possessive(name)} Microsoft 365 administrator. They sign in with a Global Administrator account and accept the permissions m365ops asks for.`,
    ),
    { type: 'section', text: { type: 'plain_text', text: url, emoji: false } },
    context(
      `The link expires at ${escapeText(formatTime(reply.expiresAt))}. You will be told here when the administrator answers.`,
    ),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open the consent page' },
          action_id: openLinkActionId,
          url,
          style: 'primary',
        },
        ...verify,
      ],
    },
  ];
}
