import { readFileSync } from 'node:fs';
import { readModalValues } from '../../../cards/slack/read-modal-values';

const submission = JSON.parse(readFileSync('/work/shared/reference/samples/slack-view-submission.json', 'utf8'));

describe('readModalValues', () => {
  it('reads a plain text input from a real view_submission payload', () => {
    expect(readModalValues(submission.view.state.values)).toEqual({ hspI: 'test' });
  });

  it('reads a select as its chosen value and an empty select as nothing', () => {
    expect(
      readModalValues({
        planId: {
          value: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'P' }, value: 'basic' },
          },
        },
        domain: { value: { type: 'static_select', selected_option: null } },
      }),
    ).toEqual({ planId: 'basic', domain: undefined });
  });

  it('reads checkboxes as a boolean', () => {
    expect(
      readModalValues({
        admin: { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
        other: { value: { type: 'checkboxes', selected_options: [] } },
      }),
    ).toEqual({ admin: true, other: false });
  });

  it('reads an empty text input as nothing', () => {
    expect(readModalValues({ surname: { value: { type: 'plain_text_input', value: null } } })).toEqual({
      surname: undefined,
    });
  });
});
