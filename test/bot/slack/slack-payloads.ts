/**
 * Interactivity payloads in the shapes Slack sends (samples/slack-block-actions.json and
 * samples/slack-view-submission.json), with the values a test needs.
 */

import type { SlackView } from '../../../cards';
import { formValueActionId } from '../../../cards';
import { testSlackTeamId } from '../../support/slack-identities';

let sequence = 0;
function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}${Date.now()}.${sequence}`;
}

export interface ClickedButton {
  action_id: string;
  value: string;
}

/** A button of a message the app sent, found by its title. */
export function findButton(blocks: unknown, title: string | RegExp): ClickedButton {
  for (const block of (blocks ?? []) as {
    type: string;
    elements?: { type: string; text?: { text: string }; action_id: string; value: string }[];
  }[]) {
    if (block.type !== 'actions') continue;
    const button = block.elements?.find((element) => element.type === 'button' && matches(element.text?.text, title));
    if (button) return { action_id: button.action_id, value: button.value };
  }
  throw new Error(`No button titled "${String(title)}" in ${JSON.stringify(blocks)}`);
}

function matches(text: string | undefined, title: string | RegExp): boolean {
  if (text === undefined) return false;
  return typeof title === 'string' ? text === title : title.test(text);
}

export function blockActionsPayload(options: {
  button: ClickedButton;
  userId: string;
  channelId?: string;
  messageTs?: string;
  responseUrl: string;
  ephemeral?: boolean;
  /** The workspace clicked in; default the tests' own. */
  teamId?: string;
}) {
  const channelId = options.channelId ?? 'C0HELPDESK';
  const teamId = options.teamId ?? testSlackTeamId;
  return {
    type: 'block_actions',
    user: {
      id: options.userId,
      username: options.userId.toLowerCase(),
      name: options.userId.toLowerCase(),
      team_id: teamId,
    },
    api_app_id: 'A0001',
    token: 'verification_token',
    container: {
      type: 'message',
      message_ts: options.messageTs ?? '1700000000.000100',
      channel_id: channelId,
      is_ephemeral: options.ephemeral ?? false,
    },
    trigger_id: nextId('trigger.'),
    team: { id: teamId, domain: 'msp-helpdesk' },
    channel: { id: channelId, name: 'helpdesk' },
    response_url: options.responseUrl,
    actions: [
      {
        action_id: options.button.action_id,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Button', emoji: true },
        value: options.button.value,
        type: 'button',
        action_ts: nextId(''),
      },
    ],
  };
}

type FieldValue = { kind: 'text' | 'select'; value: string } | { kind: 'checkbox'; checked: boolean };

/** `view.state.values` as Slack sends it: block_id -> action_id -> the element's state. */
function stateValues(fields: Record<string, FieldValue>): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [blockId, field] of Object.entries(fields)) {
    if (field.kind === 'checkbox') {
      values[blockId] = {
        [formValueActionId]: {
          type: 'checkboxes',
          selected_options: field.checked ? [{ text: { type: 'plain_text', text: 'yes' }, value: 'true' }] : [],
        },
      };
    } else if (field.kind === 'select') {
      values[blockId] = {
        [formValueActionId]: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: field.value }, value: field.value },
        },
      };
    } else {
      values[blockId] = { [formValueActionId]: { type: 'plain_text_input', value: field.value } };
    }
  }
  return values;
}

/** A view_submission of a modal the app opened, with the user's input per block id. */
export function viewSubmissionPayload(options: {
  view: SlackView;
  viewId: string;
  userId: string;
  values: Record<string, FieldValue>;
  /** The workspace submitted in; default the tests' own. */
  teamId?: string;
}) {
  const teamId = options.teamId ?? testSlackTeamId;
  const values = stateValues(options.values);
  return {
    type: 'view_submission',
    team: { id: teamId, domain: 'msp-helpdesk' },
    user: {
      id: options.userId,
      username: options.userId.toLowerCase(),
      name: options.userId.toLowerCase(),
      team_id: teamId,
    },
    api_app_id: 'A0001',
    token: 'verification_token',
    trigger_id: nextId('trigger.'),
    view: {
      ...options.view,
      id: options.viewId,
      team_id: teamId,
      state: { values },
      hash: nextId('hash.'),
      previous_view_id: null,
      root_view_id: options.viewId,
      app_id: 'A0001',
      external_id: '',
      app_installed_team_id: testSlackTeamId,
      bot_id: 'BBOT00001',
    },
    response_urls: [],
  };
}

/** The view part of a payload from inside a modal the app opened: its state as the person left it. */
function viewInPayload(
  options: { view: SlackView; viewId: string; values: Record<string, FieldValue> },
  teamId: string,
) {
  return {
    ...options.view,
    id: options.viewId,
    team_id: teamId,
    state: { values: stateValues(options.values) },
    hash: nextId('hash.'),
    previous_view_id: null,
    root_view_id: options.viewId,
    app_id: 'A0001',
    external_id: '',
    app_installed_team_id: testSlackTeamId,
    bot_id: 'BBOT00001',
  };
}

function userOf(userId: string, teamId: string) {
  return { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId };
}

/** block_actions from an input block with dispatch_action in a modal: a select changed to `selected`. */
export function viewSelectPayload(options: {
  view: SlackView;
  viewId: string;
  userId: string;
  blockId: string;
  selected: string;
  values: Record<string, FieldValue>;
}) {
  const teamId = testSlackTeamId;
  const view = viewInPayload(options, teamId);
  return {
    type: 'block_actions',
    user: userOf(options.userId, teamId),
    api_app_id: 'A0001',
    token: 'verification_token',
    container: { type: 'view', view_id: options.viewId },
    trigger_id: nextId('trigger.'),
    team: { id: teamId, domain: 'msp-helpdesk' },
    is_enterprise_install: false,
    view,
    actions: [
      {
        type: 'static_select',
        action_id: formValueActionId,
        block_id: options.blockId,
        selected_option: { text: { type: 'plain_text', text: options.selected }, value: options.selected },
        placeholder: { type: 'plain_text', text: 'Choose a customer' },
        action_ts: nextId(''),
      },
    ],
  };
}

/** block_suggestion: Slack asks the options load URL for an external select's options as the person types. */
export function blockSuggestionPayload(options: {
  view: SlackView;
  viewId: string;
  userId: string;
  blockId: string;
  typed: string;
  values: Record<string, FieldValue>;
}) {
  const teamId = testSlackTeamId;
  return {
    type: 'block_suggestion',
    user: userOf(options.userId, teamId),
    container: { type: 'view', view_id: options.viewId },
    api_app_id: 'A0001',
    token: 'verification_token',
    action_id: formValueActionId,
    block_id: options.blockId,
    value: options.typed,
    team: { id: teamId, domain: 'msp-helpdesk' },
    view: viewInPayload(options, teamId),
  };
}
