import { readModalValues } from '../../../cards/slack/read-modal-values';
import { formErrorsForSlack, renderFormModal } from '../../../cards/slack/render-form-modal';
import { addUserFormClean, addUserFormWithErrors, changePlanFormNoChoices } from '../../support/sample-replies';
import type { JsonObject } from '../card-walk';

function inputBlocks(view: { blocks: JsonObject[] }): JsonObject[] {
  return view.blocks.filter((block) => block.type === 'input');
}

/** The view.state.values Slack would send back for a modal nobody edited. */
function stateOf(view: { blocks: JsonObject[] }): Record<string, Record<string, unknown>> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of inputBlocks(view)) {
    const element = block.element as JsonObject;
    const entry: JsonObject = { type: element.type };
    if (element.type === 'plain_text_input') entry.value = element.initial_value ?? null;
    if (element.type === 'static_select') entry.selected_option = element.initial_option ?? null;
    if (element.type === 'checkboxes') entry.selected_options = element.initial_options ?? [];
    state[String(block.block_id)] = { [String(element.action_id)]: entry };
  }
  return state;
}

describe('renderFormModal', () => {
  it('names the modal after the form and carries the private metadata', () => {
    const view = renderFormModal(addUserFormClean, '{"channel":"C1"}');
    expect(view.callback_id).toBe('form:add-user');
    expect(view.private_metadata).toBe('{"channel":"C1"}');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
  });

  it('has one input block per field, with the design’s ids and a fixed action id', () => {
    const blocks = inputBlocks(renderFormModal(addUserFormClean, ''));
    expect(blocks.map((block) => block.block_id)).toEqual([
      'customerId',
      'givenName',
      'surname',
      'displayName',
      'userName',
      'domain',
      'planId',
      'usageLocation',
      'admin',
      'aliases',
    ]);
    expect(new Set(blocks.map((block) => (block.element as JsonObject).action_id))).toEqual(new Set(['value']));
  });

  it('uses selects for choices, checkboxes for admin and a multi-line input for aliases', () => {
    const kinds = Object.fromEntries(
      inputBlocks(renderFormModal(addUserFormClean, '')).map((block) => [
        block.block_id,
        (block.element as JsonObject).type,
      ]),
    );
    expect(kinds).toEqual(
      expect.objectContaining({
        planId: 'static_select',
        domain: 'static_select',
        admin: 'checkboxes',
        aliases: 'plain_text_input',
      }),
    );
  });

  it('keeps the values the user entered', () => {
    const view = renderFormModal(addUserFormWithErrors, '');
    expect(readModalValues(stateOf(view))).toEqual({
      customerId: 'contoso',
      givenName: 'Jane',
      surname: 'Doe',
      displayName: 'Jane Doe',
      userName: 'jane doe',
      domain: 'contoso.org',
      planId: 'basic',
      usageLocation: 'US',
      admin: true,
      aliases: 'jd@contoso.com\njane.d@contoso.com',
    });
  });

  it('shows each error as the hint of its input', () => {
    const userName = inputBlocks(renderFormModal(addUserFormWithErrors, '')).find((b) => b.block_id === 'userName')!;
    expect((userName.hint as JsonObject).text).toContain('cannot contain spaces');
  });

  it('asks for a value as text when there is nothing to choose from', () => {
    const plan = inputBlocks(renderFormModal(changePlanFormNoChoices, '')).find((b) => b.block_id === 'planId')!;
    expect((plan.element as JsonObject).type).toBe('plain_text_input');
  });

  it('keeps option values and texts within Slack’s limits', () => {
    const longChoice = { value: 'v'.repeat(300), title: 't'.repeat(300) };
    const view = renderFormModal({ ...addUserFormClean, choices: { planId: [longChoice] } }, '');
    const plan = inputBlocks(view).find((b) => b.block_id === 'planId')!;
    const [option] = (plan.element as { options: { text: { text: string }; value: string }[] }).options;
    expect(option.value.length).toBeLessThanOrEqual(150);
    expect(option.text.text.length).toBeLessThanOrEqual(75);
  });
});

describe('formErrorsForSlack', () => {
  it('keys errors by block id and puts an error of no field on the first field', () => {
    expect(formErrorsForSlack(addUserFormWithErrors)).toEqual({
      customerId: 'The user was not created.',
      userName: addUserFormWithErrors.errors.userName,
      domain: addUserFormWithErrors.errors.domain,
      planId: addUserFormWithErrors.errors.planId,
    });
  });
});
