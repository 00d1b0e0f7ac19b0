import { renderReplyCard } from '../../cards/adaptive/render-reply-card';
import { renderReplyText } from '../../cards/render-text';
import { renderReplyBlocks } from '../../cards/slack/render-reply-blocks';
import { samplePreview } from '../support/sample-replies';

describe('a preview in every renderer', () => {
  it('prints the outcome, the checks and the numbered writes as text', () => {
    expect(renderReplyText(samplePreview)).toBe(
      [
        'Preview: add user jane@contoso.com would run',
        "Would create jane@contoso.com in Contoso Ltd's tenant on Microsoft 365 Business Premium.",
        '',
        'Checks:',
        '  ✅ Customer: Contoso Ltd (tenant 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60)',
        '  ✅ Plan: Microsoft 365 Business Premium (SPB)',
        '  ✅ UPN: jane@contoso.com is free',
        '',
        'Writes, in order (2):',
        '  1. Create the user',
        '     POST /users {accountEnabled: true, displayName: *Jane* Doe, userPrincipalName: jane@contoso.com}',
        "  2. Assign the plan's licences (same $batch)",
        '     POST /users/{new user id}/assignLicense {addLicenses: [SPB], removeLicenses: []}',
        '',
        'Nothing was changed: this is a preview.',
      ].join('\n'),
    );
  });

  it('draws each write in the Teams card with its request in monospace, Markdown shown as text', () => {
    const card = JSON.stringify(renderReplyCard(samplePreview));
    expect(card).toContain('"fontType":"Monospace"');
    expect(card).toContain('displayName: \\\\*Jane\\\\* Doe');
  });

  it('draws each write in Block Kit with its request as code', () => {
    const blocks = JSON.stringify(renderReplyBlocks(samplePreview).blocks);
    expect(blocks).toContain('1. Create the user');
    expect(blocks).toContain('`POST /users/{new user id}/assignLicense {addLicenses: [SPB], removeLicenses: []}`');
  });

  it('says a refusal has no writes', () => {
    const text = renderReplyText({
      ...samplePreview,
      outcome: 'refused',
      summary: 'Would be refused: no.',
      writes: [],
    });
    expect(text).toContain('Preview: add user jane@contoso.com would be refused');
    expect(text).toContain('Writes: none');
  });
});
