/** The public face of cards/: what bot/teams, bot/slack and bot/devchat call. */

export { buttonCommandNames } from '../core/commands/button-commands';
export {
  type ActionVerb,
  actionData,
  actionVerbs,
  type CardAction,
  type CommandFromActionOptions,
  cancelAction,
  cancelledCode,
  commandFromAction,
  decideAction,
  decideAllAction,
  runTextAction,
  submitFormAction,
} from './actions';
export { type AdaptiveCard, adaptiveCardContentType } from './adaptive/adaptive-card';
export { renderReplyCard, renderSecretCard, renderWorkingCard } from './adaptive/render-reply-card';
export { customerFieldId, findFormDefinition, formNames, searchUserChoices, usersDataset } from './forms';
export type { SlackBlock, SlackView } from './slack/block-kit';
export { readModalValues } from './slack/read-modal-values';
export { denyCommentBlockId, denyModalCallbackId, renderDenyModal } from './slack/render-deny-modal';
export {
  formCallbackId,
  formErrorsForSlack,
  formValueActionId,
  renderFormModal,
  renderSelectOptions,
} from './slack/render-form-modal';
export {
  openLinkActionId,
  renderReplyBlocks,
  renderSecretBlocks,
  renderWorkingBlocks,
  slackActionIdPattern,
  verbFromActionId,
} from './slack/render-reply-blocks';
export { welcomeReply } from './welcome';
