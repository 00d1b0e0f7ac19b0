/**
 * A modal form that follows what is chosen in it. Choosing the customer (its select has `dispatch_action`) sends a
 * block_actions payload from the view: the form is drawn again for that customer, every value kept, and put in
 * place with views.update (with the view's hash, so an older drawing never overwrites a newer one). A user select
 * is an external select: Slack asks the options load URL (this same /slack/events) with a block_suggestion payload
 * as the person types, answered with the customer's users through the `users` command.
 */
import {
  commandFromAction,
  readModalValues,
  renderFormModal,
  renderSelectOptions,
  searchUserChoices,
} from '../../cards';
import type { Command } from '../../core/request';
import { handleRequest } from './answer-request';
import { isErrorReply } from './deliver-reply';
import { renderResultView } from './modal-views';
import { buildSlackContext, readModalOrigin } from './slack-context';
import type { SlackTransport } from './slack-transport';
import { callSlack } from './slack-web-api';
import { checkWorkspace, type PayloadTeams } from './slack-workspace';

/** The parts of a view that a block_actions or block_suggestion payload carries back. */
export interface ModalInView {
  userId: string;
  userName?: string;
  teams: PayloadTeams;
  viewId: string;
  hash?: string;
  callbackId: string;
  privateMetadata?: string;
  stateValues: Record<string, Record<string, unknown>>;
}

/** The form drawn again for the customer just chosen. */
export async function refreshFormModal(transport: SlackTransport, modal: ModalInView): Promise<void> {
  const workspace = checkWorkspace(transport, modal.teams);
  if (!workspace.ok) return;
  const form = modal.callbackId.replace(/^form:/, '');
  const command = commandFromAction('refresh-form', { form, ...readModalValues(modal.stateValues) });
  if (isErrorReply(command)) {
    transport.logger.warn({ code: command.code }, 'a modal sent a customer change that is not one of our forms');
    return;
  }
  const origin = readModalOrigin(modal.privateMetadata);
  const context = buildSlackContext(
    { userId: modal.userId, teamId: workspace.teamId, userName: modal.userName },
    origin,
  );
  const reply = await handleRequest(transport, { context, command });
  // A refusal (no role for this) takes the form's place: the person could not have used it.
  const view = reply.kind === 'form' ? renderFormModal(reply, modal.privateMetadata ?? '') : renderResultView(reply);
  await callSlack(transport.client, 'views.update', {
    view_id: modal.viewId,
    ...(modal.hash ? { hash: modal.hash } : {}),
    view,
  }).catch((error: unknown) => {
    // hash_conflict: the person changed the customer again and a newer drawing is on its way.
    transport.logger.info({ err: error }, 'views.update of a form for the customer chosen failed');
  });
}

/** The customer's users matching what was typed, as options for the modal's user select. */
export async function suggestUsers(
  transport: SlackTransport,
  modal: ModalInView,
  typed: string,
): Promise<ReturnType<typeof renderSelectOptions>> {
  const workspace = checkWorkspace(transport, modal.teams);
  if (!workspace.ok) return { options: [] };
  const customerId = readModalValues(modal.stateValues).customerId;
  const command: Command =
    typeof customerId === 'string' && customerId ? { name: 'users', customerId } : { name: 'users' };
  const origin = readModalOrigin(modal.privateMetadata);
  const context = buildSlackContext(
    { userId: modal.userId, teamId: workspace.teamId, userName: modal.userName },
    origin,
  );
  const reply = await handleRequest(transport, { context, command });
  return renderSelectOptions(searchUserChoices(reply, typed.slice(0, 320), 100));
}
