/**
 * Modal views that are not forms: "loading…", "working…", a result (the only place besides an ephemeral message
 * where a temporary password may appear) and a message (a refusal or an error).
 */
import { renderReplyBlocks, renderSecretBlocks, renderWorkingBlocks, type SlackBlock } from '../../cards';
import type { Reply } from '../../core/reply';
import { withoutSecret } from './deliver-reply';

export interface InfoView {
  type: 'modal';
  title: { type: 'plain_text'; text: string };
  close: { type: 'plain_text'; text: string };
  blocks: SlackBlock[];
}

const maxModalBlocks = 100;

function infoView(title: string, blocks: SlackBlock[], close = 'Close'): InfoView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: title.slice(0, 24) },
    close: { type: 'plain_text', text: close },
    // Buttons inside a modal would come back without a channel to answer in; modals here only inform.
    blocks: blocks.filter((block) => block.type !== 'actions').slice(0, maxModalBlocks),
  };
}

export function renderLoadingView(): InfoView {
  return infoView('m365ops', renderWorkingBlocks('Loading the form…').blocks);
}

export function renderWorkingView(): InfoView {
  return infoView('m365ops', renderWorkingBlocks('This can take a moment; this window will show the result.').blocks);
}

/** The outcome of a submitted form, with the temporary password for the person who submitted it. */
export function renderResultView(reply: Reply): InfoView {
  const blocks = [...renderReplyBlocks(withoutSecret(reply)).blocks];
  if (reply.kind === 'result' && reply.secret) blocks.push(...renderSecretBlocks(reply.secret).blocks);
  return infoView(reply.kind === 'error' ? 'Not done' : 'Done', blocks);
}

/** A submission that asks first: the question, and where its confirming button is. */
export function renderQuestionView(reply: Reply, where: string): InfoView {
  const note: SlackBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: where }] };
  return infoView('Confirm first', [...renderReplyBlocks(reply).blocks, note]);
}

/** A refusal shown over the form: closing it goes back to the form with its values. */
export function renderRefusalView(reply: Reply): InfoView {
  return infoView('Not done', renderReplyBlocks(withoutSecret(reply)).blocks, 'Back');
}
