import { renderReplyCard, renderSecretCard, renderWorkingCard } from '../../../cards/adaptive/render-reply-card';
import type { FormReply } from '../../../core/reply';
import {
  addUserFormClean,
  addUserFormWithErrors,
  addUserResult,
  approvedDiscrepancy,
  digestOf,
  failedRevokeDiscrepancy,
  openDiscrepancy,
  revokedDiscrepancy,
  sampleReplies,
  sampleSecretValue,
  unmanagedUsers,
  userList,
} from '../../support/sample-replies';
import { validateAdaptiveCard } from '../../support/validate-adaptive-card';
import { executeActions, findByType, type JsonObject } from '../card-walk';

describe('renderReplyCard', () => {
  it.each(Object.entries(sampleReplies))('renders a valid Adaptive Card 1.5 for %s', (_name, reply) => {
    const card = renderReplyCard(reply);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(card.version).toBe('1.5');
  });

  it.each(Object.entries(sampleReplies))('leaves no template expression unexpanded for %s', (_name, reply) => {
    expect(JSON.stringify(renderReplyCard(reply))).not.toContain('${');
  });

  it.each(Object.entries(sampleReplies))(
    'gives every Action.Execute an Action.Submit fallback with the same data for %s',
    (_name, reply) => {
      for (const action of executeActions(renderReplyCard(reply))) {
        expect(action.fallback).toEqual(
          expect.objectContaining({
            type: 'Action.Submit',
            data: { ...(action.data as JsonObject), verb: action.verb },
          }),
        );
      }
    },
  );

  it('validates the working card and the secret card', () => {
    expect(validateAdaptiveCard(renderWorkingCard())).toEqual([]);
    expect(validateAdaptiveCard(renderSecretCard(addUserResult.secret!))).toEqual([]);
  });

  it('never puts a secret value into a result card', () => {
    const json = JSON.stringify(renderReplyCard(addUserResult));
    expect(json).not.toContain(sampleSecretValue);
    expect(json).toContain('sent to you privately');
  });

  it('shows the secret value only on the secret card', () => {
    expect(JSON.stringify(renderSecretCard(addUserResult.secret!))).toContain(sampleSecretValue);
  });

  it('shows the secret value as plain text, which Teams does not read as Markdown', () => {
    const card = renderSecretCard({ label: 'Temporary password', value: 'Ab*cd*Ef_gh_2!x~' });
    expect(findByType(card, 'TextRun').map((run) => run.text)).toEqual(['Ab*cd*Ef_gh_2!x~']);
    expect(JSON.stringify(findByType(card, 'TextBlock'))).not.toContain('Ab*cd');
  });

  it('names the customer of an added user once, with its tenant', () => {
    const reply = { ...addUserResult, facts: [...addUserResult.facts, { label: 'Customer', value: 'Contoso Ltd' }] };
    const facts = findByType(renderReplyCard(reply), 'FactSet').flatMap((set) => set.facts as JsonObject[]);
    expect(facts.filter((fact) => fact.title === 'Customer')).toEqual([
      { title: 'Customer', value: 'Contoso Ltd, tenant 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60' },
    ]);
    expect(facts.map((fact) => fact.title)).toEqual(['User', 'Plan', 'Admin access', 'Customer', 'Audit id']);
  });

  it('keeps a "Customer" fact that names another customer than the result', () => {
    const reply = { ...addUserResult, facts: [{ label: 'Customer', value: 'Fabrikam' }] };
    const facts = findByType(renderReplyCard(reply), 'FactSet').flatMap((set) => set.facts as JsonObject[]);
    expect(facts.filter((fact) => fact.title === 'Customer').map((fact) => fact.value)).toEqual([
      'Fabrikam',
      'Contoso Ltd, tenant 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60',
    ]);
  });

  it('shows the tenant and the audit id of a result', () => {
    const json = JSON.stringify(renderReplyCard(addUserResult));
    expect(json).toContain('0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60');
    expect(json).toContain('aud_01');
  });
});

describe('form cards', () => {
  function inputs(reply: FormReply): JsonObject[] {
    return findByType(renderReplyCard(reply), 'Input.Text', 'Input.ChoiceSet', 'Input.Toggle');
  }

  it('uses the input ids of the design, in order', () => {
    expect(inputs(addUserFormClean).map((input) => input.id)).toEqual([
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
  });

  it('labels a toggle only when its words beside the box do not say it all', () => {
    const offboard: FormReply = {
      ...addUserFormClean,
      form: 'offboard',
      title: 'Offboard a user',
      values: {},
      choices: {},
      errors: {},
    };
    const toggles = inputs(offboard).filter((input) => input.type === 'Input.Toggle');
    expect(toggles.find((input) => input.id === 'block-sign-in')).toMatchObject({ title: 'Block sign-in', label: '' });
    expect(toggles.find((input) => input.id === 'keepCopy')).toMatchObject({ label: '' });
    expect(inputs(addUserFormClean).find((input) => input.id === 'admin')).toMatchObject({
      label: 'Admin access',
      title: 'Make Global Administrator',
    });
    validateAdaptiveCard(renderReplyCard(offboard));
  });

  it('offers plans, domains and usage locations as choice sets', () => {
    const choiceSets = inputs(addUserFormClean).filter((input) => input.type === 'Input.ChoiceSet');
    expect(choiceSets.map((input) => input.id)).toEqual(['customerId', 'domain', 'planId', 'usageLocation']);
    const plan = choiceSets.find((input) => input.id === 'planId')!;
    expect(plan.choices).toEqual(addUserFormClean.choices.planId);
  });

  it('shows the free licences above the form', () => {
    expect(JSON.stringify(renderReplyCard(addUserFormClean))).toContain('Free licences: Business Premium 3');
  });

  it('keeps the values the user entered', () => {
    const byId = Object.fromEntries(inputs(addUserFormWithErrors).map((input) => [input.id, input.value]));
    expect(byId).toEqual({
      customerId: 'contoso',
      givenName: 'Jane',
      surname: 'Doe',
      displayName: 'Jane Doe',
      userName: 'jane doe',
      domain: 'contoso.org',
      planId: 'basic',
      usageLocation: 'US',
      admin: 'true',
      aliases: 'jd@contoso.com\njane.d@contoso.com',
    });
  });

  it('keeps a chosen value that is not among the choices', () => {
    const domain = inputs(addUserFormWithErrors).find((input) => input.id === 'domain')!;
    expect(domain.choices).toContainEqual({ title: 'contoso.org', value: 'contoso.org' });
  });

  it('shows each error in red right under its input, the input left to the server to check', () => {
    const card = renderReplyCard(addUserFormWithErrors);
    for (const [id, error] of Object.entries(addUserFormWithErrors.errors).filter(([id]) => id !== 'form')) {
      const container = findByType(card, 'Container').find((c) =>
        (c.items as JsonObject[]).some((item) => item.id === id),
      )!;
      const items = container.items as JsonObject[];
      expect(items[0]).toEqual(expect.objectContaining({ id }));
      // No client-side check: it would stop the customer's refresh button and show the errors a few at a time.
      expect(items[0]).not.toHaveProperty('isRequired');
      expect(items[1]).toEqual(expect.objectContaining({ type: 'TextBlock', text: error, color: 'Attention' }));
    }
  });

  it('shows no error text on a clean form', () => {
    const card = renderReplyCard(addUserFormClean);
    expect(findByType(card, 'TextBlock').filter((block) => block.color === 'Attention')).toEqual([]);
  });

  it('shows an error that belongs to no input at the top', () => {
    const texts = findByType(renderReplyCard(addUserFormWithErrors), 'TextBlock').map((block) => block.text);
    expect(texts).toContain('The user was not created.');
  });

  it('draws the form again for the customer chosen, with every input sent along', () => {
    const [refresh] = executeActions(renderReplyCard(addUserFormClean));
    expect(refresh).toEqual(expect.objectContaining({ verb: 'refresh-form', data: { form: 'add-user' } }));
    expect(refresh).not.toHaveProperty('associatedInputs');
  });

  it('submits with the submit-form verb and lets Cancel skip the inputs', () => {
    const [, submit, cancel] = executeActions(renderReplyCard(addUserFormClean));
    expect(submit).toEqual(expect.objectContaining({ verb: 'submit-form', data: { form: 'add-user' } }));
    expect(cancel).toEqual(expect.objectContaining({ verb: 'cancel', associatedInputs: 'none' }));
  });
});

describe('discrepancy cards', () => {
  it('offers two buttons while open, named after what they do for the kind', () => {
    const actions = executeActions(renderReplyCard({ kind: 'discrepancy', discrepancy: openDiscrepancy }));
    expect(actions.map((action) => [action.title, action.verb, action.data])).toEqual([
      ['Accept removal', 'decide', { discrepancyId: 'd-1', action: 'approve' }],
      ['Give admin back…', 'decide', { discrepancyId: 'd-1', action: 'revoke' }],
    ]);
  });

  it('asks on top of the clicked digest, which stays under the question; Cancel only hides the question', () => {
    const digest = digestOf([openDiscrepancy, ...unmanagedUsers(2)]);
    const card = renderReplyCard({
      kind: 'confirm',
      title: 'Remove the licence from user0@contoso.com?',
      summary: ['Takes SPB from user0@contoso.com.'],
      confirmCommand: { name: 'decide', discrepancyId: 'u-0', action: 'revoke', confirmed: true },
      confirmLabel: 'Remove licences',
      current: { digest },
    });
    expect(validateAdaptiveCard(card)).toEqual([]);
    const texts = findByType(card, 'TextBlock').map((block) => block.text);
    expect(texts[0]).toBe('Remove the licence from user0@contoso.com?');
    expect(texts).toContain('Contoso Ltd: sync found 3 discrepancies · 3 open · 0 decided');
    const confirm = executeActions(card).find((action) => action.title === 'Remove licences');
    expect(confirm?.data).toEqual({ discrepancyId: 'u-0', action: 'revoke', confirmed: true });
    expect(JSON.stringify(card)).toContain('"type":"Action.ToggleVisibility"');
  });

  it('shows what Approve and Revoke would do while open', () => {
    const json = JSON.stringify(renderReplyCard({ kind: 'discrepancy', discrepancy: openDiscrepancy }));
    expect(json).toContain(openDiscrepancy.approveMeans);
    expect(json).toContain(openDiscrepancy.revokeMeans);
    expect(json).toContain(openDiscrepancy.expected);
    expect(json).toContain(openDiscrepancy.actual);
  });

  it.each([
    ['approved', approvedDiscrepancy, 'Approved by Megan Bowen at 2026-11-24 08:35 UTC: applied'],
    ['revoked', revokedDiscrepancy, 'Revoked by Megan Bowen at 2026-11-24 08:36 UTC: applied'],
  ])('shows who %s it and when, with no buttons', (_state, view, line) => {
    const card = renderReplyCard({ kind: 'discrepancy', discrepancy: view });
    expect(findByType(card, 'ActionSet', 'Action.Execute', 'Action.Submit')).toEqual([]);
    expect(findByType(card, 'TextBlock').map((block) => block.text)).toContain(line);
  });

  it('offers the buttons again after a failed revoke, saying what failed', () => {
    const card = renderReplyCard({ kind: 'discrepancy', discrepancy: failedRevokeDiscrepancy });
    expect(executeActions(card)).toHaveLength(2);
    const failure = findByType(card, 'TextBlock').find((block) => String(block.text).includes('403'))!;
    expect(failure.color).toBe('Attention');
  });
});

describe('a decide click that decided nothing', () => {
  const late = 'Megan Bowen already approved this at 2026-11-24 08:35 UTC.';

  it('redraws the decided discrepancy card with who decided on top, and no buttons', () => {
    const card = renderReplyCard({ kind: 'text', text: late, current: { discrepancy: approvedDiscrepancy } });
    expect(validateAdaptiveCard(card)).toEqual([]);
    const texts = findByType(card, 'TextBlock').map((block) => block.text);
    expect(texts[0]).toBe(late);
    expect(texts).toContain('Admin access removed in the tenant: adele@contoso.com');
    expect(texts).toContain('Approved by Megan Bowen at 2026-11-24 08:35 UTC: applied');
    expect(findByType(card, 'ActionSet', 'Action.Execute', 'Action.Submit')).toEqual([]);
  });

  it('redraws the card a refusal came from with the reason on top in attention, and its buttons for others', () => {
    const refusal = 'You caused this difference for adele@contoso.com, so another approver must decide it.';
    const card = renderReplyCard({
      kind: 'error',
      code: 'own-change',
      message: refusal,
      current: { discrepancy: openDiscrepancy },
    });
    expect(validateAdaptiveCard(card)).toEqual([]);
    const [note] = findByType(card, 'Container');
    expect(note).toEqual(expect.objectContaining({ style: 'attention' }));
    expect(findByType(note, 'TextBlock').map((block) => block.text)).toEqual([refusal]);
    expect(JSON.stringify(card)).toContain(openDiscrepancy.summary);
    expect(executeActions(card).map((action) => action.verb)).toEqual(['decide', 'decide']);
  });

  it('redraws a digest as a digest, naming the user the click was about', () => {
    const digest = digestOf([approvedDiscrepancy, ...unmanagedUsers(2)]);
    const card = renderReplyCard({ kind: 'text', text: late, current: { discrepancy: approvedDiscrepancy, digest } });
    expect(validateAdaptiveCard(card)).toEqual([]);
    const texts = findByType(card, 'TextBlock').map((block) => block.text);
    expect(texts[0]).toBe(`adele@contoso.com: ${late}`);
    expect(texts).toContain('Contoso Ltd: sync found 3 discrepancies · 2 open · 1 decided');
    expect(executeActions(card).filter((action) => action.verb === 'decide')).toHaveLength(4);
  });

  it('keeps a plain text answer plain', () => {
    const card = renderReplyCard({ kind: 'text', text: late });
    expect(findByType(card, 'TextBlock').map((block) => block.text)).toEqual([late]);
  });
});

describe('digest card', () => {
  it('offers "Approve all" for each kind with open items, naming how many and carrying the run', () => {
    const card = renderReplyCard(digestOf([openDiscrepancy, ...unmanagedUsers(2)]));
    const approveAll = executeActions(card).filter((action) => action.verb === 'decide-all');
    expect(approveAll.map((action) => [action.title, action.data])).toEqual([
      [
        'Approve all 1: Admin access removed in the tenant',
        { customerId: 'contoso', kind: 'admin-revoked', action: 'approve', runId: 'run-42' },
      ],
      [
        'Approve all 2: Not managed by m365ops',
        { customerId: 'contoso', kind: 'unmanaged-user', action: 'approve', runId: 'run-42' },
      ],
    ]);
  });

  it('gives each open item its own Approve and Revoke, and decided items none', () => {
    const card = renderReplyCard(digestOf([openDiscrepancy, approvedDiscrepancy]));
    const decide = executeActions(card).filter((action) => action.verb === 'decide');
    expect(decide).toHaveLength(2);
    expect(JSON.stringify(card)).toContain('Approved by Megan Bowen');
  });

  it('lists at most 25 items of a large digest and says how many are not listed', () => {
    const card = renderReplyCard(digestOf(unmanagedUsers(120)));
    expect(executeActions(card).filter((action) => action.verb === 'decide')).toHaveLength(50);
    expect(JSON.stringify(card)).toContain('Showing the first 25 of 120 discrepancies');
  });

  it('says how the discrepancies it does not list get decided, never that they have cards of their own', () => {
    const digest = { ...digestOf(unmanagedUsers(35)), items: unmanagedUsers(20) };
    const texts = findByType(renderReplyCard(digest), 'TextBlock').map((block) => String(block.text));
    expect(texts).toContain(
      'Showing the first 20 of 35 discrepancies, in the order found. 15 more open ones are not listed; "Approve all" decides them with the listed ones.',
    );
    expect(texts.join('\n')).not.toMatch(/own card/);
  });

  it('says nothing about the rest when every discrepancy is listed', () => {
    const texts = findByType(renderReplyCard(digestOf(unmanagedUsers(12))), 'TextBlock').map((block) => block.text);
    expect(texts.join('\n')).not.toContain('Showing');
  });
});

describe('list cards', () => {
  it('lists at most 60 users and says how many more', () => {
    const card = renderReplyCard(userList(100));
    expect(JSON.stringify(card)).toContain('and 40 more users');
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('groups help by role with examples', () => {
    const texts = findByType(renderReplyCard(sampleReplies.help), 'TextBlock').map((block) => block.text);
    expect(texts).toEqual(
      expect.arrayContaining(['Helpdesk', 'Approvers', 'Admins', 'Example: grant admin jane@contoso.com']),
    );
  });

  it('links the consent page and says when the link expires', () => {
    const card = renderReplyCard(sampleReplies['consent link']);
    const open = findByType(card, 'Action.OpenUrl')[0];
    expect(open.url).toContain('adminconsent');
    expect(JSON.stringify(card)).toContain('2026-11-25 08:35 UTC');
  });
});

describe('error cards', () => {
  it('turns command suggestions into buttons and lists the other suggestions', () => {
    const card = renderReplyCard(sampleReplies.error);
    expect(executeActions(card).map((action) => action.data)).toEqual([
      { text: 'add user jane@contoso.com plan business-premium' },
    ]);
    expect(JSON.stringify(card)).toContain('Did you mean: business-premium?');
  });

  it('names the role a refusal needs', () => {
    expect(JSON.stringify(renderReplyCard(sampleReplies['role refusal']))).toContain('Needed role: approver');
  });
});
