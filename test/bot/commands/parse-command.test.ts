import { type ParseHints, parseCommand } from '../../../bot/commands';
import type { ErrorReply } from '../../../core/reply';
import type { Command } from '../../../core/request';

const hints = {
  planIds: ['business-premium', 'business-basic', 'business-standard', 'exchange-only'],
  customerIds: ['contoso', 'fabrikam', 'northwind'],
};

function parsed(text: string, withHints: ParseHints = hints): Command {
  const result = parseCommand(text, withHints);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error.message}`);
  return result.command;
}

function refused(text: string, withHints: ParseHints = hints): ErrorReply {
  const result = parseCommand(text, withHints);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.command)}`);
  return result.error;
}

describe('add user', () => {
  it('reads the full form with every option', () => {
    expect(
      parsed(
        'add user jane@contoso.com plan business-premium name "Jane Doe" location gb admin alias j.doe@contoso.com alias jd@contoso.com',
      ),
    ).toEqual({
      name: 'add-user',
      upn: 'jane@contoso.com',
      planId: 'business-premium',
      displayName: 'Jane Doe',
      usageLocation: 'GB',
      admin: true,
      aliases: ['j.doe@contoso.com', 'jd@contoso.com'],
    });
  });

  it('reads options after the UPN in any order', () => {
    const expected = parsed('add user jane@contoso.com plan business-basic location US admin alias a@contoso.com');
    expect(parsed('add user jane@contoso.com alias a@contoso.com admin location US plan business-basic')).toEqual(
      expected,
    );
    expect(parsed('add user jane@contoso.com location US plan business-basic alias a@contoso.com admin')).toEqual(
      expected,
    );
  });

  it('treats command and option words case-insensitively', () => {
    expect(parsed('ADD User jane@contoso.com PLAN Business-Premium Admin')).toEqual({
      name: 'add-user',
      upn: 'jane@contoso.com',
      planId: 'business-premium',
      admin: true,
      aliases: [],
    });
  });

  it('defaults admin to false and aliases to none', () => {
    expect(parsed('add user jane@contoso.com plan business-basic')).toEqual({
      name: 'add-user',
      upn: 'jane@contoso.com',
      planId: 'business-basic',
      admin: false,
      aliases: [],
    });
  });

  it('opens the form when no arguments are given', () => {
    expect(parsed('add user')).toEqual({ name: 'add-user-form' });
  });

  it('opens the form for a customer', () => {
    expect(parsed('add user customer fabrikam')).toEqual({ name: 'add-user-form', customerId: 'fabrikam' });
  });

  it('takes the customer after the options', () => {
    expect(parsed('add user jane@contoso.org plan business-basic customer contoso')).toMatchObject({
      customerId: 'contoso',
    });
  });

  it('reads the UPN after a leading customer option', () => {
    expect(parsed('add user customer contoso jane@contoso.org plan business-basic')).toMatchObject({
      name: 'add-user',
      upn: 'jane@contoso.org',
      customerId: 'contoso',
    });
  });

  it('keeps an apostrophe that is part of the UPN', () => {
    expect(parsed("add user o'brien@contoso.com plan business-basic")).toMatchObject({ upn: "o'brien@contoso.com" });
  });

  it('lower-cases the domain of the UPN and keeps the name part', () => {
    expect(parsed('add user Jane.Doe@Contoso.COM plan business-basic')).toMatchObject({ upn: 'Jane.Doe@contoso.com' });
  });

  it('reads an unquoted display name up to the next option', () => {
    expect(parsed('add user jane@contoso.com name Jane van Doe location NL plan business-basic')).toMatchObject({
      displayName: 'Jane van Doe',
      usageLocation: 'NL',
    });
  });

  it('refuses a missing plan and names the plans', () => {
    const error = refused('add user jane@contoso.com location GB');
    expect(error.code).toBe('missing-argument');
    expect(error.message).toContain('`add user` needs `plan <plan>`');
    expect(error.message).toContain('business-premium, business-basic');
    expect(error.suggestions).toEqual(hints.planIds);
  });

  it('refuses an option without its value', () => {
    const error = refused('add user jane@contoso.com plan business-basic location');
    expect(error.code).toBe('missing-argument');
    expect(error.message).toContain('`location` needs a two-letter country code after it, such as `location GB`');
  });

  it('refuses an option followed by another option instead of its value', () => {
    const error = refused('add user jane@contoso.com plan admin');
    expect(error.code).toBe('missing-argument');
    expect(error.message).toContain('`plan` needs a plan after it, such as `plan business-premium`');
  });

  it('refuses a plan given twice', () => {
    const error = refused('add user jane@contoso.com plan business-basic plan business-premium');
    expect(error.code).toBe('bad-usage');
    expect(error.message).toContain('`plan` was given twice');
  });

  it('suggests the option word for a near miss', () => {
    const error = refused('add user jane@contoso.com plna business-basic');
    expect(error.code).toBe('unknown-option');
    expect(error.message).toContain('"plna" is not an option of `add user`. Did you mean `plan`?');
    expect(error.suggestions).toEqual(['plan']);
  });

  it('lists the options for a word far from all of them', () => {
    const error = refused('add user jane@contoso.com plan business-basic colour blue');
    expect(error.code).toBe('unknown-option');
    expect(error.message).toContain('The options are: plan, name, location, admin, alias, customer.');
  });

  it('suggests the plan id for a near miss', () => {
    const error = refused('add user jane@contoso.com plan busines-premium');
    expect(error).toMatchObject({
      code: 'unknown-plan',
      message: 'There is no plan "busines-premium". Did you mean business-premium?',
    });
    expect(error.suggestions?.[0]).toBe('business-premium');
  });

  it('suggests the plan whose id has the typed word as one of its parts', () => {
    const error = refused('add user jane@contoso.com plan premium');
    expect(error).toMatchObject({
      code: 'unknown-plan',
      message: 'There is no plan "premium". Did you mean business-premium?',
    });
  });

  it('lists the plans for a plan id far from all of them', () => {
    const error = refused('add user jane@contoso.com plan e5');
    expect(error.message).toBe(
      'There is no plan "e5". The plans are: business-premium, business-basic, business-standard, exchange-only.',
    );
    expect(error.suggestions).toEqual(hints.planIds);
  });

  it('accepts any plan id when no hints are given', () => {
    expect(parsed('add user jane@contoso.com plan e5', {})).toMatchObject({ planId: 'e5' });
  });

  it('uses the configured spelling of a plan id typed in another case', () => {
    expect(parsed('add user jane@contoso.com plan BUSINESS-BASIC')).toMatchObject({ planId: 'business-basic' });
  });
});

describe('UPN and address checks', () => {
  it('refuses an accented UPN and says which characters are allowed', () => {
    const error = refused('add user jäne@contoso.com plan business-basic');
    expect(error.code).toBe('bad-upn');
    expect(error.message).toBe(
      `"jäne@contoso.com" is not a valid user name (UPN): "ä" may not be used before the @; only letters A-Z, digits 0-9 and ' . - _ ! # ^ ~ (no accents or spaces).`,
    );
  });

  it('refuses a UPN without an @', () => {
    expect(refused('add user jane plan business-basic')).toMatchObject({
      code: 'bad-upn',
      message: '"jane" is not a user name (UPN): write it as name@domain, such as jane@contoso.com.',
    });
  });

  it('refuses a UPN whose domain has no dot', () => {
    expect(refused('revoke admin jane@contoso').message).toBe(
      '"jane@contoso" is not a valid user name (UPN): after the @ write a domain with a dot, such as contoso.com.',
    );
  });

  it('refuses a UPN with two dots in a row', () => {
    expect(refused('revoke admin ja..ne@contoso.com').code).toBe('bad-upn');
  });

  it('accepts every character the directory allows', () => {
    expect(parsed("grant admin a.b-c_d!e#f^g~h'i9@sub.contoso.com")).toMatchObject({
      upn: "a.b-c_d!e#f^g~h'i9@sub.contoso.com",
    });
  });

  it('refuses an alias without a domain', () => {
    expect(refused('add user jane@contoso.com plan business-basic alias j doe@contoso.com').message).toBe(
      '"j" is not an alias address: write it as name@domain, such as jane@contoso.com.',
    );
  });

  it('refuses a bad alias address and calls it an alias', () => {
    const bad = refused('add user jane@contoso.com plan business-basic alias j+doe@contoso.com');
    expect(bad).toMatchObject({ code: 'bad-upn' });
    expect(bad.message).toContain('is not a valid alias address: "+" may not be used');
  });

  it('refuses a missing UPN before the options', () => {
    const error = refused('add user plan business-basic');
    expect(error.code).toBe('missing-argument');
    expect(error.message).toContain("`add user` needs the user's UPN (name@domain)");
  });
});

describe('location and numbers', () => {
  it('upper-cases a two-letter location', () => {
    expect(parsed('add user jane@contoso.com plan business-basic location de')).toMatchObject({ usageLocation: 'DE' });
  });

  it('refuses a three-letter location and says what is allowed', () => {
    expect(refused('add user jane@contoso.com plan business-basic location GBR')).toEqual({
      kind: 'error',
      code: 'bad-location',
      message: '"GBR" is not a usage location: write the two-letter ISO 3166 country code, such as GB, US or DE.',
    });
  });

  it('refuses a limit that is not a whole number', () => {
    expect(refused('customer contoso plan business-basic limit ten')).toEqual({
      kind: 'error',
      code: 'bad-number',
      message: '"ten" is not a number of users: write a whole number such as 25.',
    });
  });

  it('refuses a negative limit', () => {
    expect(refused('customer contoso plan business-basic limit -1').code).toBe('bad-number');
  });
});

describe('quoting', () => {
  it.each([
    ['straight double quotes', 'name "Jane Doe"'],
    ['curly double quotes', 'name “Jane Doe”'],
    ['single quotes', "name 'Jane Doe'"],
    ['curly single quotes', 'name ‘Jane Doe’'],
  ])('reads a name in %s', (_label, option) => {
    expect(parsed(`add user jane@contoso.com ${option} plan business-basic`)).toMatchObject({
      displayName: 'Jane Doe',
    });
  });

  it('reads escaped quotes inside a quoted name', () => {
    expect(parsed('add user jane@contoso.com name "Jane \\"JD\\" Doe" plan business-basic')).toMatchObject({
      displayName: 'Jane "JD" Doe',
    });
  });

  it('reads an apostrophe inside a single-quoted name', () => {
    expect(parsed("add user jane@contoso.com name 'Jane O'Brien' plan business-basic")).toMatchObject({
      displayName: "Jane O'Brien",
    });
  });

  it('keeps an option word inside quotes as part of the name', () => {
    expect(parsed('add user jane@contoso.com name "Plan Admin" plan business-basic')).toMatchObject({
      displayName: 'Plan Admin',
      admin: false,
    });
  });

  it('refuses a quote that is never closed', () => {
    const error = refused('add user jane@contoso.com name "Jane Doe plan business-basic');
    expect(error.code).toBe('bad-usage');
    expect(error.message).toContain('is never closed');
  });
});

describe('the line around the command', () => {
  it('tolerates surrounding whitespace and a leading /m365', () => {
    expect(parsed('  /m365   users   contoso  ')).toEqual({ name: 'users', customerId: 'contoso' });
  });

  it("unwraps Slack's mailto links", () => {
    expect(parsed('revoke admin <mailto:jane@contoso.com|jane@contoso.com>')).toEqual({
      name: 'revoke-admin',
      upn: 'jane@contoso.com',
    });
  });

  it("undoes Slack's escaping of & in a name", () => {
    expect(parsed('customer add smith "Smith &amp; Sons"')).toMatchObject({ customerName: 'Smith & Sons' });
  });

  it('refuses an empty line and suggests where to start', () => {
    const error = refused('   ');
    expect(error.code).toBe('unknown-command');
    expect(error.message).toContain('Type `help`');
    expect(error.suggestions).toContain('help');
  });

  it('refuses a bare /m365 like an empty line', () => {
    expect(refused('/m365').code).toBe('unknown-command');
  });
});

describe('unknown commands', () => {
  it.each([
    ['ad user jane@contoso.com', 'add user'],
    ['add usr jane@contoso.com', 'add user'],
    ['chnage plan jane@contoso.com business-basic', 'change plan'],
    ['user contoso', 'users'],
    ['stauts', 'status'],
    ['snyc contoso', 'sync'],
    ['remove uesr jane@contoso.com', 'remove user'],
    ['consnt link northwind', 'consent link'],
    ['halp', 'help'],
  ])('suggests the command for "%s"', (text, suggestion) => {
    const error = refused(text);
    expect(error.code).toBe('unknown-command');
    expect(error.suggestions).toContain(suggestion);
    expect(error.message).toContain(`Did you mean \`${suggestion}\``);
    expect(error.message).toContain('Type `help` to see every command.');
  });

  it('completes a first word that begins several commands', () => {
    const error = refused('add');
    expect(error.suggestions).toEqual(['add user']);
  });

  it.each([
    ['restore', 'restore user'],
    ['restore jane@contoso.com', 'restore user'],
    ['reset jane@contoso.com', 'reset password'],
  ])('suggests only %s’s own command, never a lookalike that removes', (text, suggestion) => {
    const error = refused(text);
    expect(error.suggestions).toEqual([suggestion]);
    expect(error.message).toContain(`Did you mean \`${suggestion}\``);
    expect(error.message).not.toContain('remove user');
  });

  it('names the closest commands for a word far from all of them', () => {
    const error = refused('frobnicate the widgets');
    expect(error.message).toBe('"frobnicate" is not a command I know. Type `help` to see every command.');
    expect(error.suggestions).toHaveLength(3);
  });
});

describe('change plan', () => {
  it('reads the UPN and the plan', () => {
    expect(parsed('change plan jane@contoso.com business-standard')).toEqual({
      name: 'change-plan',
      upn: 'jane@contoso.com',
      planId: 'business-standard',
    });
  });

  it('opens the form with no arguments', () => {
    expect(parsed('change plan')).toEqual({ name: 'change-plan-form' });
  });

  it('opens the form for a user when the plan is missing', () => {
    expect(parsed('Change Plan jane@contoso.com')).toEqual({ name: 'change-plan-form', upn: 'jane@contoso.com' });
  });

  it('suggests the plan for a near miss', () => {
    expect(refused('change plan jane@contoso.com exchange-onyl').suggestions).toEqual(['exchange-only']);
  });

  it('reads the plan after a customer option', () => {
    expect(parsed('change plan jane@contoso.org customer contoso business-basic')).toEqual({
      name: 'change-plan',
      upn: 'jane@contoso.org',
      planId: 'business-basic',
      customerId: 'contoso',
    });
  });

  it('refuses a word too many', () => {
    const error = refused('change plan jane@contoso.com business-basic now');
    expect(error.code).toBe('unknown-option');
    expect(error.message).toContain('"now" is not an option of `change plan`');
  });
});

describe('admin and removal', () => {
  it('reads revoke admin', () => {
    expect(parsed('revoke admin jane@contoso.com')).toEqual({ name: 'revoke-admin', upn: 'jane@contoso.com' });
  });

  it('reads grant admin with a customer', () => {
    expect(parsed('grant admin jane@contoso.org customer contoso')).toEqual({
      name: 'grant-admin',
      upn: 'jane@contoso.org',
      customerId: 'contoso',
    });
  });

  it('reads grant admin for a duration, with a reason and a ticket', () => {
    expect(parsed('grant admin jane@contoso.com for 2h reason "Mailbox migration" ticket INC-1234')).toEqual({
      name: 'grant-admin',
      upn: 'jane@contoso.com',
      durationMinutes: 120,
      reason: 'Mailbox migration',
      ticket: 'INC-1234',
    });
  });

  it('refuses a duration it cannot read, naming the accepted forms', () => {
    const error = refused('grant admin jane@contoso.com for 4hours');
    expect(error.code).toBe('bad-duration');
    expect(error.message).toContain(
      '"4hours" is not a duration: write a number followed by m, h or d, such as 30m, 4h or 2d.',
    );
  });

  it('refuses a reason over 500 characters, saying how long it was', () => {
    const error = refused(`grant admin jane@contoso.com reason "${'x'.repeat(501)}"`);
    expect(error.message).toBe('The reason is 501 characters; keep it to 500.');
  });

  it('reads remove user without delete', () => {
    expect(parsed('remove user jane@contoso.com')).toEqual({
      name: 'remove-user',
      upn: 'jane@contoso.com',
      delete: false,
    });
  });

  it('reads remove user with delete', () => {
    expect(parsed('remove user jane@contoso.com DELETE')).toEqual({
      name: 'remove-user',
      upn: 'jane@contoso.com',
      delete: true,
    });
  });

  it('refuses revoke admin without a UPN', () => {
    const error = refused('revoke admin');
    expect(error).toMatchObject({ code: 'missing-argument' });
    expect(error.message).toBe("`revoke admin` needs the user's UPN (name@domain). Usage: revoke admin <upn>");
  });

  it('never sets confirmed from text', () => {
    expect(parsed('remove user jane@contoso.com delete')).not.toHaveProperty('confirmed');
  });

  it('reads restore user and reset password, never confirmed from text', () => {
    expect(parsed('restore user jane@contoso.com')).toEqual({ name: 'restore-user', upn: 'jane@contoso.com' });
    expect(parsed('reset password jane@contoso.com customer contoso')).toEqual({
      name: 'reset-password',
      upn: 'jane@contoso.com',
      customerId: 'contoso',
    });
  });
});

describe('customer commands', () => {
  it('reads consent link', () => {
    expect(parsed('consent link northwind')).toEqual({ name: 'consent-link', customerId: 'northwind' });
  });

  it('reads consent link written with the customer word', () => {
    expect(parsed('consent link customer northwind')).toEqual({ name: 'consent-link', customerId: 'northwind' });
  });

  it('refuses the customer given twice', () => {
    const error = refused('consent link northwind customer contoso');
    expect(error).toMatchObject({ code: 'bad-usage' });
    expect(error.message).toContain('The customer was given twice');
  });

  it('reads verify consent', () => {
    expect(parsed('verify consent northwind')).toEqual({ name: 'verify-consent', customerId: 'northwind' });
  });

  it('refuses consent link without a customer', () => {
    const error = refused('consent link');
    expect(error.code).toBe('missing-argument');
    expect(error.message).toBe(
      '`consent link` needs the customer id. The customers are contoso, fabrikam, northwind. Usage: consent link <customer>',
    );
  });

  it('refuses notify here without a customer, naming the customers as commands to run', () => {
    expect(refused('notify here')).toMatchObject({
      code: 'missing-argument',
      message: expect.stringContaining('The customers are contoso, fabrikam, northwind. Usage: notify here <customer>'),
      suggestions: ['notify here contoso', 'notify here fabrikam', 'notify here northwind'],
    });
  });

  it('suggests the customer for a near miss', () => {
    expect(refused('verify consent nortwind')).toMatchObject({
      code: 'unknown-customer',
      message: 'There is no customer "nortwind". Did you mean northwind?',
      suggestions: ['northwind'],
    });
  });

  it.each(['sync', 'users', 'status', 'plans'] as const)('reads %s with and without a customer', (name) => {
    expect(parsed(name)).toEqual({ name });
    expect(parsed(`${name} fabrikam`)).toEqual({ name, customerId: 'fabrikam' });
    expect(parsed(`${name} customer fabrikam`)).toEqual({ name, customerId: 'fabrikam' });
  });

  it('reads notify here', () => {
    expect(parsed('notify here contoso')).toEqual({ name: 'notify-here', customerId: 'contoso' });
  });
});

describe('configuration commands', () => {
  it('reads customer add with a quoted name and a tenant', () => {
    expect(parsed('customer add tailspin "Tailspin Toys" tenant 2B7F0C1E-3A4D-4E5F-8A9B-0C1D2E3F4A5B')).toEqual({
      name: 'customer-add',
      id: 'tailspin',
      customerName: 'Tailspin Toys',
      tenantId: '2b7f0c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
    });
  });

  it('reads customer add with an unquoted name and no tenant', () => {
    expect(parsed('customer add tailspin Tailspin Toys')).toEqual({
      name: 'customer-add',
      id: 'tailspin',
      customerName: 'Tailspin Toys',
    });
  });

  it('refuses a tenant id that is not a GUID', () => {
    expect(refused('customer add tailspin "Tailspin" tenant tailspin.com').message).toContain('is not a tenant id');
  });

  it('refuses customer add without a name', () => {
    expect(refused('customer add tailspin').message).toBe(
      '`customer add` needs the customer name in quotes. Usage: customer add <id> "<name>" [tenant <tenantId>]',
    );
  });

  it('refuses a customer id with spaces or symbols', () => {
    expect(refused('customer add "tail spin" "Tailspin"').code).toBe('bad-usage');
  });

  it('reads customer plan with and without a limit', () => {
    expect(parsed('customer contoso plan business-basic limit 10')).toEqual({
      name: 'customer-plan',
      customerId: 'contoso',
      planId: 'business-basic',
      limit: 10,
    });
    expect(parsed('customer contoso limit 0 plan business-basic')).toMatchObject({ limit: 0 });
    expect(parsed('customer contoso plan business-basic')).not.toHaveProperty('limit');
  });

  it('refuses customer plan without a plan', () => {
    expect(refused('customer contoso limit 5').code).toBe('missing-argument');
  });

  it('reads plan add with several SKUs', () => {
    expect(parsed('plan add e3 "Office 365 E3" skus enterprisepack,EMS')).toEqual({
      name: 'plan-add',
      id: 'e3',
      planName: 'Office 365 E3',
      skus: ['ENTERPRISEPACK', 'EMS'],
    });
  });

  it('refuses a SKU with a space-free but wrong character', () => {
    expect(refused('plan add e3 "E3" skus ENTERPRISE-PACK').message).toContain('"ENTERPRISE-PACK" is not a SKU');
  });

  it('refuses plan add without skus', () => {
    expect(refused('plan add e3 "E3"').message).toContain('`plan add` needs `skus <skus>`');
  });

  it('reads access changes', () => {
    expect(parsed('access Approver add slack:T0001:U024BE7LH')).toEqual({
      name: 'access',
      role: 'approver',
      op: 'add',
      identity: 'slack:T0001:U024BE7LH',
    });
    expect(parsed('access helpdesk remove teams:29:1abc')).toMatchObject({ role: 'helpdesk', op: 'remove' });
  });

  it('suggests the role for a near miss', () => {
    expect(refused('access aprover add slack:U1')).toMatchObject({
      code: 'bad-usage',
      message: '"aprover" is not a role: write helpdesk, approver or admin. Did you mean approver?',
      suggestions: ['approver'],
    });
  });

  it('refuses an identity without a platform', () => {
    expect(refused('access admin add U024BE7LH').message).toContain(
      'write teams:<aadObjectId>, slack:<team_id>:<user_id> or cli:<user>',
    );
  });

  it('refuses an access change that is neither add nor remove', () => {
    expect(refused('access admin grant slack:U1').message).toBe(
      '"grant" is not an access change: write add or remove.',
    );
  });

  it('reads policy kinds', () => {
    expect(parsed('policy contoso auto upn-changed,Admin-Revoked')).toEqual({
      name: 'policy-auto',
      customerId: 'contoso',
      kinds: ['upn-changed', 'admin-revoked'],
    });
  });

  it('reads policy none as no kinds', () => {
    expect(parsed('policy contoso auto none')).toMatchObject({ kinds: [] });
  });

  it('suggests the discrepancy kind for a near miss', () => {
    expect(refused('policy contoso auto upn-change').suggestions).toEqual(['upn-changed']);
  });
});

describe('help', () => {
  it('reads help alone', () => {
    expect(parsed('help')).toEqual({ name: 'help' });
  });

  it('reads a help topic of several words', () => {
    expect(parsed('Help add user')).toEqual({ name: 'help', topic: 'add user' });
  });
});

describe('long input', () => {
  it('refuses a line over 4,000 characters, saying how long it was and what the limit is', () => {
    const error = refused(`add user ${'x'.repeat(4_991)}`);
    expect(error.code).toBe('too-long');
    expect(error.message).toBe(
      'That command is 5,000 characters long; the limit is 4,000. Nothing was done. Type `help` to see every command.',
    );
  });

  it('reads a command of exactly 4,000 characters', () => {
    const line = `help ${'a'.repeat(3_995)}`;
    expect(line).toHaveLength(4_000);
    expect(parsed(line)).toMatchObject({ name: 'help' });
  });

  it('cuts a long unknown command it repeats, saying how long it was', () => {
    expect(refused(`${'z'.repeat(3_000)} contoso`).message).toBe(
      `"${'z'.repeat(60)}…(3,000 characters)" is not a command I know. Type \`help\` to see every command.`,
    );
  });

  it('cuts a long value it repeats', () => {
    expect(refused(`users ${'q'.repeat(500)}`).message).toContain(`"${'q'.repeat(60)}…(500 characters)"`);
  });
});

describe('discrepancies', () => {
  it('reads a customer and a kind', () => {
    expect(parsed('discrepancies contoso admin-granted')).toEqual({
      name: 'discrepancies',
      customerId: 'contoso',
      kind: 'admin-granted',
    });
  });

  it('reads a kind without a customer as the kind', () => {
    expect(parsed('discrepancies admin-granted')).toEqual({ name: 'discrepancies', kind: 'admin-granted' });
    expect(parsed('discrepancies admin-granted', {})).toEqual({ name: 'discrepancies', kind: 'admin-granted' });
    expect(parsed('discrepancies groups-missing')).toEqual({ name: 'discrepancies', kind: 'groups-missing' });
  });

  it('reads nothing, a customer alone, and a page', () => {
    expect(parsed('discrepancies')).toEqual({ name: 'discrepancies' });
    expect(parsed('discrepancies fabrikam page 2')).toEqual({ name: 'discrepancies', customerId: 'fabrikam', page: 2 });
    expect(parsed('discrepancies page 3 unmanaged-user')).toEqual({
      name: 'discrepancies',
      kind: 'unmanaged-user',
      page: 3,
    });
  });

  it('reads the row More starts after, and refuses what is not a discrepancy id', () => {
    const id = '0BB1C2C7-70AC-4F98-B328-D4B98DCA475A';
    expect(parsed(`discrepancies fabrikam page 2 after ${id}`)).toEqual({
      name: 'discrepancies',
      customerId: 'fabrikam',
      page: 2,
      after: id.toLowerCase(),
    });
    expect(refused('discrepancies after row-ten').message).toContain('"row-ten" is not a discrepancy id');
  });

  it('refuses an unknown kind, naming the kinds', () => {
    const error = refused('discrepancies contoso admin-grant');
    expect(error.message).toContain('"admin-grant" is not a discrepancy kind');
    expect(error.message).toContain('user-deleted');
    expect(error.message).toContain('unmanaged-user');
    expect(error.message).toContain('groups-missing');
    expect(error.suggestions).toContain('admin-granted');
  });

  it('says a word that is neither a customer nor a kind is neither', () => {
    const error = refused('discrepancies bogus');
    expect(error.message).toContain('There is no customer "bogus"');
    expect(error.message).toContain('"bogus" is not a discrepancy kind');
  });

  it('refuses a page that is not a number from 1', () => {
    expect(refused('discrepancies page 0').message).toContain('is not a page number');
  });
});

describe('users', () => {
  it('reads deleted after the customer, and leaves it out otherwise', () => {
    expect(parsed('users contoso deleted')).toEqual({ name: 'users', customerId: 'contoso', deleted: true });
    expect(parsed('users contoso')).toEqual({ name: 'users', customerId: 'contoso' });
  });
});
