/**
 * Forms as modals. Opening: a "loading" modal at once with the trigger id (it expires in 3 s), then the form
 * the handlers built. Submitting: a form with errors answers `response_action: errors` next to the fields
 * (Slack keeps the values); a result replaces the modal with the outcome and the temporary password, and is
 * posted to the channel of the command without the password. A submission that asks first (remove user, admin
 * access) sends its question, with the confirming button, to the requester in that channel, and the modal says so.
 */
import type { SlackView } from '../../cards';
import {
  commandFromAction,
  formErrorsForSlack,
  readModalValues,
  renderFormModal,
  renderReplyBlocks,
} from '../../cards';
import type { Reply } from '../../core/reply';
import type { Command, Request } from '../../core/request';
import { handleRequest } from './answer-request';
import { isErrorReply, renderReplyMessage, sendToRequester, withoutSecret } from './deliver-reply';
import {
  type InfoView,
  renderLoadingView,
  renderQuestionView,
  renderRefusalView,
  renderResultView,
  renderWorkingView,
} from './modal-views';
import { createResponder } from './response-url';
import { buildSlackContext, type ModalOrigin, readModalOrigin, writeModalOrigin } from './slack-context';
import type { SlackTransport } from './slack-transport';
import { callSlack } from './slack-web-api';
import { checkWorkspace, type PayloadTeams } from './slack-workspace';

export const formCallbackPattern = /^form:(add-user|change-plan|remove-user|offboard)$/;

export function isFormCommand(command: Command): boolean {
  if (command.name === 'offboard') return command.options.length === 0 && !command.preset;
  return command.name === 'add-user-form' || command.name === 'change-plan-form' || command.name === 'remove-user-form';
}

export async function openFormModal(
  transport: SlackTransport,
  options: { triggerId: string; request: Request; origin?: ModalOrigin; userId: string },
): Promise<void> {
  const { client, logger } = transport;
  let viewId: string;
  try {
    const opened = await callSlack(client, 'views.open', { trigger_id: options.triggerId, view: renderLoadingView() });
    viewId = String((opened.view as { id?: unknown } | undefined)?.id);
  } catch (error) {
    logger.warn({ err: error }, 'views.open failed');
    if (options.origin) {
      await sendToRequester(
        {
          client,
          logger,
          userId: options.userId,
          channelId: options.origin.channelId,
          respond: options.origin.responseUrl ? createResponder(options.origin.responseUrl) : undefined,
        },
        { text: 'Slack did not open the form in time. Type the command again to open it.', blocks: [] },
      );
    }
    return;
  }
  const reply = await handleRequest(transport, options.request);
  const view =
    reply.kind === 'form' ? renderFormModal(reply, writeModalOrigin(options.origin)) : renderResultView(reply);
  await callSlack(client, 'views.update', { view_id: viewId, view });
}

/** What Slack's view_submission payload gives us (the parts we read). */
export interface FormSubmission {
  triggerId: string;
  userId: string;
  userName?: string;
  /** The workspaces the payload names (`team.id`, `user.team_id`). */
  teams: PayloadTeams;
  viewId: string;
  callbackId: string;
  privateMetadata?: string;
  stateValues: Record<string, Record<string, unknown>>;
}

type SubmissionAnswer =
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'clear' }
  | { response_action: 'update' | 'push'; view: SlackView | InfoView };

/**
 * Answers a submitted form. `ack` must be called within 3 s: work that takes longer acks "working…" and
 * updates the modal with views.update when done.
 */
export async function submitForm(
  transport: SlackTransport,
  submission: FormSubmission,
  ack: (answer?: SubmissionAnswer) => Promise<void>,
): Promise<void> {
  const workspace = checkWorkspace(transport, submission.teams);
  if (!workspace.ok) {
    await ack({ response_action: 'push', view: renderRefusalView(workspace.refusal) });
    return;
  }
  const origin = readModalOrigin(submission.privateMetadata);
  const form = submission.callbackId.replace(/^form:/, '');
  const command = commandFromAction('submit-form', { form, ...readModalValues(submission.stateValues) });
  if (isErrorReply(command)) {
    await ack({ response_action: 'push', view: renderRefusalView(command) });
    return;
  }
  const request: Request = {
    context: buildSlackContext(
      { userId: submission.userId, teamId: workspace.teamId, userName: submission.userName },
      origin,
    ),
    command,
    idempotencyKey: `slack:${submission.triggerId}`,
  };

  const work = handleRequest(transport, request);
  const early = await Promise.race([work, delay(transport.timings.modalAnswerWithinMs)]);
  let reply: Reply;
  if (early !== undefined) {
    reply = early;
    await ack(answerInTime(reply, origin));
  } else {
    await ack({ response_action: 'update', view: renderWorkingView() });
    reply = await work;
    const view = reply.kind === 'form' ? renderFormModal(reply, writeModalOrigin(origin)) : resultView(reply, origin);
    await callSlack(transport.client, 'views.update', { view_id: submission.viewId, view });
  }
  if (reply.kind === 'result' && origin?.channelId) await postResultToChannel(transport, reply, origin);
  if (reply.kind === 'confirm' && origin?.channelId) await askInChannel(transport, submission.userId, reply, origin);
}

/**
 * A submission that asks first (the admin toggle on): a modal cannot carry the confirmation's button, so the
 * question goes to the requester where the form was opened, and the modal says so.
 */
async function askInChannel(transport: SlackTransport, userId: string, reply: Reply, origin: ModalOrigin) {
  const { client, logger } = transport;
  const respond = origin.responseUrl ? createResponder(origin.responseUrl) : undefined;
  await sendToRequester(
    { client, logger, userId, channelId: origin.channelId, respond },
    renderReplyBlocks(reply),
  ).catch((error: unknown) =>
    logger.warn({ err: error, channel: origin.channelId }, 'could not ask the requester to confirm'),
  );
}

function resultView(reply: Reply, origin: ModalOrigin | undefined): InfoView {
  if (reply.kind !== 'confirm') return renderResultView(reply);
  return renderQuestionView(
    reply,
    origin?.channelId
      ? 'Confirm with the button in the message I sent you where you opened the form.'
      : 'I cannot ask for the confirmation here; open the form from a channel or a chat with me.',
  );
}

function answerInTime(reply: Reply, origin: ModalOrigin | undefined): SubmissionAnswer {
  if (reply.kind === 'form') {
    const errors = formErrorsForSlack(reply);
    if (Object.keys(errors).length > 0) return { response_action: 'errors', errors };
    return { response_action: 'update', view: renderFormModal(reply, writeModalOrigin(origin)) };
  }
  if (reply.kind === 'error') return { response_action: 'push', view: renderRefusalView(reply) };
  return { response_action: 'update', view: resultView(reply, origin) };
}

/** The result for the channel the command was typed in, never with the password. */
async function postResultToChannel(transport: SlackTransport, reply: Reply, origin: ModalOrigin): Promise<void> {
  const message = renderReplyMessage(withoutSecret(reply));
  try {
    await callSlack(transport.client, 'chat.postMessage', {
      channel: origin.channelId,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
    });
    return;
  } catch (error) {
    if (!origin.responseUrl) {
      transport.logger.warn({ err: error, channel: origin.channelId }, 'could not post a form result to its channel');
      return;
    }
    transport.logger.info({ err: error }, 'chat.postMessage failed; posting the form result through the response_url');
  }
  await createResponder(origin.responseUrl)({ ...message, response_type: 'in_channel' }).catch((error: unknown) => {
    transport.logger.warn({ err: error, channel: origin.channelId }, 'could not post a form result to its channel');
  });
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
