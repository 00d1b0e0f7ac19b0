/**
 * Deny on a Slack request message opens this modal (design §9: Deny asks for an optional comment), as the Teams card's
 * Deny shows its comment input: the same 500-character comment, then the decision.
 */
import { escapeText, type SlackView } from './block-kit';
import { formValueActionId } from './render-form-modal';

export const denyModalCallbackId = 'deny-request';
export const denyCommentBlockId = 'comment';
export const maxDenyCommentLength = 500;

/** `privateMetadata` carries the request id and where the click came from, across the modal round trip. */
export function renderDenyModal(requestId: string, privateMetadata: string): SlackView {
  return {
    type: 'modal',
    callback_id: denyModalCallbackId,
    title: { type: 'plain_text', text: 'Deny request' },
    submit: { type: 'plain_text', text: 'Deny' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: privateMetadata,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: escapeText(`Deny Request ${requestId}? Nothing will be changed.`) },
      },
      {
        type: 'input',
        block_id: denyCommentBlockId,
        optional: true,
        label: { type: 'plain_text', text: 'Comment for the requester (optional)' },
        element: {
          type: 'plain_text_input',
          action_id: formValueActionId,
          multiline: true,
          max_length: maxDenyCommentLength,
        },
      },
    ],
  };
}
