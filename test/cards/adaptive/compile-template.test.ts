// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Adaptive Card templates are written with ${…}
import { compileTemplate, expandTemplate } from '../../../cards/adaptive/adaptive-card';
import statusTemplate from '../../../cards/templates/status.json';

const template = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Hello ${name}' },
    { type: 'TextBlock', $data: '${rows}', text: '${label}' },
  ],
};

describe('compileTemplate', () => {
  it('compiles a template once and hands the same compiled form to every render', () => {
    expect(compileTemplate(statusTemplate)).toBe(compileTemplate(statusTemplate));
  });

  it('keeps nothing of one render in the next', () => {
    const first = expandTemplate(template, { name: 'Ada', rows: [{ label: 'one' }, { label: 'two' }] });
    const second = expandTemplate(template, { name: 'Bo', rows: [{ label: 'three' }] });
    expect(first.body.map((block) => block.text)).toEqual(['Hello Ada', 'one', 'two']);
    expect(second.body.map((block) => block.text)).toEqual(['Hello Bo', 'three']);
  });

  it('leaves the template itself unexpanded', () => {
    expandTemplate(template, { name: 'Ada', rows: [] });
    expect(template.body[0]).toEqual({ type: 'TextBlock', text: 'Hello ${name}' });
  });
});
