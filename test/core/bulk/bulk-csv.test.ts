import { readBulkCsv } from '../../../core/bulk/bulk-csv';
import { commandOfRow } from '../../../core/bulk/bulk-row-command';
import { HandlerError } from '../../../core/handler-error';

function refusal(text: string): string {
  try {
    readBulkCsv(text);
  } catch (error) {
    if (error instanceof HandlerError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('the CSV was read');
}

describe('readBulkCsv', () => {
  it('reads every column, whatever the case of its name', () => {
    const [row] = readBulkCsv(
      'ACTION,Upn,displayname,Plan,LOCATION,aliases,Customer\nadd,Jane@Contoso.com,Jane Doe,Business-Premium,gb,j.doe@contoso.com; jd@contoso.com,Contoso\n',
    );
    expect(row).toEqual({
      row: 2,
      actionText: 'add',
      action: 'add',
      upn: 'jane@contoso.com',
      displayName: 'Jane Doe',
      planId: 'business-premium',
      location: 'GB',
      aliases: ['j.doe@contoso.com', 'jd@contoso.com'],
      customerId: 'contoso',
      options: [],
      errors: [],
    });
  });

  it('refuses a file without a header, naming the columns', () => {
    expect(refusal('add,jane@contoso.com,business-premium\n')).toMatch(/^bad-csv: Row 1 has no `action` column/);
  });

  it('refuses unknown columns, naming them', () => {
    expect(refusal('action,upn,department\nadd,a@contoso.com,Sales\n')).toMatch(
      /^bad-csv: Row 1 names columns m365ops does not know: "department"/,
    );
  });

  it('refuses text that is not CSV', () => {
    expect(refusal('action\n"never closed\n')).toMatch(/^bad-csv: .*not CSV/);
  });

  it('refuses more than 5,000 rows, saying that limit', () => {
    const csv = `action,upn\n${'remove,a@contoso.com\n'.repeat(5001)}`;
    expect(refusal(csv)).toMatch(/5,001 rows; the limit is 5,000 rows/);
  });

  it('refuses a file over 5 MB, saying that limit', () => {
    expect(refusal(`action,upn\n${'x'.repeat(5 * 1024 * 1024)}`)).toMatch(/the limit is 5 MB/);
  });

  it('keeps a row with a wrong value, its errors naming the column', () => {
    const rows = readBulkCsv(
      'action,upn,plan,location,for\nhire,a@contoso.com,p,GB,\nadd,not-an-address,,Britain,\ngrant-admin,b@contoso.com,,,ever\n',
    );
    expect(rows.map((row) => row.errors)).toEqual([
      ['action: "hire" is not an action; write one of add, change-plan, remove, offboard, grant-admin.'],
      [
        'upn: "not-an-address" is not a user name; write it as name@domain.',
        'plan: missing.',
        'location: "Britain" is not a two-letter country code such as GB.',
      ],
      ['for: "ever": write a number followed by m, h or d, such as 30m, 4h or 2d.'],
    ]);
  });

  it('refuses the second row of a UPN already in the file', () => {
    const rows = readBulkCsv('action,upn,plan\nadd,a@contoso.com,p\nchange-plan,A@contoso.com,q\n');
    expect(rows[1]!.errors).toEqual(['upn: a@contoso.com is also on row 2; give each user once.']);
  });

  it('checks the options each action takes', () => {
    const rows = readBulkCsv(
      'action,upn,options\noffboard,a@contoso.com,block-sign-in;remove-licences\noffboard,b@contoso.com,forward-to\nremove,c@contoso.com,delete\nadd,d@contoso.com,delete\n',
    );
    expect(rows[0]!.options).toEqual(['block-sign-in', 'remove-licences']);
    expect(rows[1]!.errors[0]).toMatch(/^options: forward-to offboard takes options/);
    expect(rows[2]!.errors).toEqual([]);
    expect(rows[3]!.errors).toEqual(['plan: missing.', 'options: delete is not an option of add (it takes admin).']);
  });
});

describe('commandOfRow', () => {
  const [add, named, remove, grant] = readBulkCsv(
    'action,upn,displayName,plan,options,for,reason\nadd,a@contoso.com,,basic,admin,,\nadd,,Jo Doe,basic,,,\nremove,b@contoso.com,,,delete,,\ngrant-admin,c@contoso.com,,,,2h,On call\n',
  );

  it('runs each action as the command it is, confirmed by the batch', () => {
    expect(commandOfRow(add!, 'contoso')).toEqual({
      name: 'add-user',
      upn: 'a@contoso.com',
      planId: 'basic',
      admin: true,
      aliases: [],
      customerId: 'contoso',
      confirmed: true,
    });
    expect(commandOfRow(named!, undefined)).toMatchObject({ name: 'add-user-named', displayName: 'Jo Doe' });
    expect(commandOfRow(remove!, undefined)).toEqual({
      name: 'remove-user',
      upn: 'b@contoso.com',
      delete: true,
      confirmed: true,
    });
    expect(commandOfRow(grant!, undefined)).toEqual({
      name: 'grant-admin',
      upn: 'c@contoso.com',
      durationMinutes: 120,
      reason: 'On call',
      confirmed: true,
    });
  });
});
