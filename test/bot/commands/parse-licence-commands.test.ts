import { parseCommand } from '../../../bot/commands';

const hints = { customerIds: ['contoso', 'fabrikam'], planIds: ['business-premium'] };

describe('parsing licences and report licences', () => {
  it.each([
    ['licences contoso', { name: 'licences', customerId: 'contoso' }],
    ['licences ALL', { name: 'licences', customerId: 'all' }],
    ['report licences', { name: 'report-licences' }],
    ['report licences month 2026-11', { name: 'report-licences', month: '2026-11' }],
    ['report licences all month 2026-11', { name: 'report-licences', customerId: 'all', month: '2026-11' }],
    ['report licences fabrikam', { name: 'report-licences', customerId: 'fabrikam' }],
    [
      'policy contoso licence-digest Weekly',
      { name: 'policy-licence-digest', customerId: 'contoso', schedule: 'weekly' },
    ],
    ['policy contoso licence-digest off', { name: 'policy-licence-digest', customerId: 'contoso', schedule: 'off' }],
  ])('reads %s', (text, command) => {
    expect(parseCommand(text, hints)).toEqual({ ok: true, command });
  });

  it.each([
    ['report licences contoso month 2026-13', '"2026-13" is not a month: write it as YYYY-MM, such as 2026-11.'],
    ['report licences contoso month November', '"November" is not a month: write it as YYYY-MM, such as 2026-11.'],
    ['licences tailspin', 'There is no customer "tailspin". The customers are: contoso, fabrikam, all.'],
    ['policy contoso licence-digest daily', '"daily" is not a schedule: write weekly, or off.'],
  ])('refuses %s with a sentence', (text, message) => {
    const parsed = parseCommand(text, hints);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toBe(message);
  });

  it('asks for the customer when licences has none', () => {
    const parsed = parseCommand('licences', hints);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/customer id, or all/);
  });
});
