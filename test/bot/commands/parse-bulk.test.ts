import { parseCommand } from '../../../bot/commands';

describe('parsing bulk', () => {
  it('reads the CSV on the lines after `bulk`, lines kept', () => {
    expect(parseCommand('bulk\naction,upn,plan\nadd,"Doe, Jane"@x,p')).toEqual({
      ok: true,
      command: { name: 'bulk', csv: 'action,upn,plan\nadd,"Doe, Jane"@x,p' },
    });
  });

  it('reads a CSV in a code block, the fences dropped', () => {
    expect(parseCommand('/m365 bulk ```\naction,upn\nremove,a@contoso.com\n```')).toEqual({
      ok: true,
      command: { name: 'bulk', csv: 'action,upn\nremove,a@contoso.com' },
    });
  });

  it("undoes Slack's mailto links and entities in a pasted CSV", () => {
    expect(parseCommand('bulk\naction,upn\nremove,<mailto:a@contoso.com|a@contoso.com> &amp; co')).toMatchObject({
      command: { csv: 'action,upn\nremove,a@contoso.com & co' },
    });
  });

  it('reads a pasted CSV longer than a command line', () => {
    const csv = `action,upn\n${'remove,a@contoso.com\n'.repeat(400)}`;
    expect(parseCommand(`bulk\n${csv}`)).toMatchObject({ ok: true, command: { name: 'bulk' } });
  });

  it('answers `bulk` alone (Enter sent it) with how to give the CSV: Shift+Enter for its lines, or the file', () => {
    const result = parseCommand('bulk');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('(Shift+Enter starts a line), or the CSV file itself');
  });

  it('keeps bulk template and bulk run as commands', () => {
    expect(parseCommand('bulk template')).toEqual({ ok: true, command: { name: 'bulk-template' } });
    expect(parseCommand('bulk run K7M2QX')).toEqual({ ok: true, command: { name: 'bulk-run', batchId: 'K7M2QX' } });
  });

  it('asks for the CSV when there is none', () => {
    expect(parseCommand('bulk')).toMatchObject({ ok: false, error: { message: expect.stringContaining('the CSV') } });
  });
});

describe('parsing a fenced CSV', () => {
  it('reads a block whose first line follows the fence (as Slack sends it), or a csv-tagged block', () => {
    expect(parseCommand('bulk\n```action,upn\nremove,a@contoso.com\n```')).toMatchObject({
      command: { csv: 'action,upn\nremove,a@contoso.com' },
    });
    expect(parseCommand('bulk\n```csv\naction,upn\n```')).toMatchObject({ command: { csv: 'action,upn' } });
  });
});
