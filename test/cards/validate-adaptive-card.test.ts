import { validateAdaptiveCard } from '../support/validate-adaptive-card';

const validCard = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Hello', wrap: true }],
};

describe('validateAdaptiveCard', () => {
  it('accepts a plain 1.5 card', () => {
    expect(validateAdaptiveCard(validCard)).toEqual([]);
  });

  it('rejects a card newer than 1.5', () => {
    expect(validateAdaptiveCard({ ...validCard, version: '1.6' })).toContainEqual(expect.stringContaining('1.6'));
  });

  it('rejects a card without a version', () => {
    const { version: _version, ...card } = validCard;
    expect(validateAdaptiveCard(card)).not.toEqual([]);
  });

  it('rejects an element type the parser does not know', () => {
    const problems = validateAdaptiveCard({ ...validCard, body: [{ type: 'Carousel' }] });
    expect(problems).toContainEqual(expect.stringContaining('UnknownElementType'));
  });

  it('rejects a Teams-only top-level property the 1.5 schema does not allow', () => {
    expect(validateAdaptiveCard({ ...validCard, msteams: { width: 'Full' } })).toContainEqual(
      expect.stringContaining('schema:'),
    );
  });

  it('rejects a required input without a label', () => {
    const problems = validateAdaptiveCard({
      ...validCard,
      body: [{ type: 'Input.Text', id: 'userName', isRequired: true, errorMessage: 'Enter a name.' }],
    });
    expect(problems).toContainEqual(expect.stringContaining('RequiredInputsShouldHaveLabel'));
  });

  it('rejects the "Action.Submit" string shorthand as a fallback', () => {
    const problems = validateAdaptiveCard({
      ...validCard,
      actions: [{ type: 'Action.Execute', title: 'Go', verb: 'run', fallback: 'Action.Submit' }],
    });
    expect(problems).not.toEqual([]);
  });
});
