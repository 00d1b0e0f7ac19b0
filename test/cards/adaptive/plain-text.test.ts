import { renderSecretCard } from '../../../cards';
import { escapeCardText, escapeMarkdown } from '../../../cards/adaptive/plain-text';
import { readTeamsMarkdown } from '../../support/teams-markdown';
import { findByType } from '../card-walk';

describe('escapeMarkdown', () => {
  it.each([
    'jane.doe@contoso.com',
    'Microsoft 365 Business Premium (SPB + O365_BUSINESS_PREMIUM)',
    'Contoso & Partners',
    '2026-11-24 08:35 UTC',
    "Jane O'Brien-Smith",
    'snake_case_name',
  ])('leaves ordinary text as it is: %s', (text) => {
    expect(escapeMarkdown(text)).toBe(text);
  });

  it.each([
    '[Renew](https://evil.example/renew)',
    '![pixel](https://evil.example/p.png)',
    '<b>x</b>',
    '<https://evil.example>',
    '**bold** and *italic*',
    '_under_ and __double__',
    '~~gone~~',
    '`code`',
    '&lt;b&gt; and &#60;',
    '# Heading',
    '- bullet\n+ other\n1. first\n2) second',
    '> quoted',
    'a line\n===',
    'back\\slash \\[not a link\\](x)',
    '{{DATE(2026-01-01T00:00:00Z, SHORT)}}',
  ])('makes a Markdown renderer show %s as written', (text) => {
    const reading = readTeamsMarkdown(escapeMarkdown(text));
    expect(reading).toEqual({ shown: text, markup: [] });
  });
});

describe('escapeCardText', () => {
  it('escapes TextBlock texts and FactSet titles and values, and leaves inputs, buttons and TextRuns alone', () => {
    const card = escapeCardText({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: '**a**' },
        { type: 'FactSet', facts: [{ title: '*t*', value: '[v](x)' }] },
        { type: 'Input.Text', id: 'displayName', value: '**a**', label: '*label*' },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Ab*cd_ef' }] },
        { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: '*go*', data: { text: '*go*' } }] },
      ],
    });
    expect(card.body).toEqual([
      { type: 'TextBlock', text: '\\*\\*a\\*\\*' },
      { type: 'FactSet', facts: [{ title: '\\*t\\*', value: '\\[v\\](x)' }] },
      { type: 'Input.Text', id: 'displayName', value: '**a**', label: '*label*' },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Ab*cd_ef' }] },
      { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: '*go*', data: { text: '*go*' } }] },
    ]);
  });

  it('shows a temporary password exactly, in a TextRun no client reads as Markdown', () => {
    const value = '*Ab_cd*~~#1&amp;';
    const card = renderSecretCard({ label: 'Temporary password for jane@contoso.com', value });
    expect(findByType(card, 'TextRun').map((run) => run.text)).toEqual([value]);
    expect(JSON.stringify(findByType(card, 'TextBlock'))).not.toContain('Ab');
  });
});
