import { csvCell, parseCsv, writeCsv } from '../../common/csv';

describe('writeCsv', () => {
  it('writes each row with CRLF line ends', () => {
    expect(
      writeCsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('a,b\r\n1,2\r\n');
  });

  it('quotes fields holding a comma, a quote or a line break, doubling quotes (RFC 4180)', () => {
    expect(csvCell('Mailbox, "urgent"\nmigration')).toBe('"Mailbox, ""urgent""\nmigration"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('')).toBe('');
  });

  it('neutralises every formula-looking cell with an apostrophe inside quotes (CSV injection)', () => {
    const attacks = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '=HYPERLINK("http://x")'];
    expect(attacks.map(csvCell)).toEqual([
      `"'=cmd|' /C calc'!A0"`,
      `"'+1+1"`,
      `"'-2+3"`,
      `"'@SUM(A1:A9)"`,
      `"'\t=1+1"`,
      `"'\r=1+1"`,
      `"'=HYPERLINK(""http://x"")"`,
    ]);
  });

  it('leaves a formula character that is not the first alone', () => {
    expect(csvCell('jane=doe@contoso.com')).toBe('jane=doe@contoso.com');
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n')).toEqual({
      ok: true,
      rows: [
        ['a', 'b'],
        ['x, y', 'say "hi"'],
        ['two\nlines', 'z'],
      ],
    });
  });

  it('reads what writeCsv writes, a formula-looking cell kept neutralised', () => {
    const rows = [
      ['action', 'upn'],
      ['add', '=cmd|calc'],
    ];
    expect(parseCsv(writeCsv(rows))).toEqual({
      ok: true,
      rows: [
        ['action', 'upn'],
        ['add', "'=cmd|calc"],
      ],
    });
  });

  it('drops a byte-order mark and blank lines', () => {
    expect(parseCsv('\uFEFFaction\n\nadd\n')).toEqual({ ok: true, rows: [['action'], ['add']] });
  });

  it('refuses a quote never closed, saying on which line it opened', () => {
    expect(parseCsv('a\n"open,b\n')).toEqual({ ok: false, message: expect.stringContaining('line 2') });
  });

  it('refuses binary data', () => {
    expect(parseCsv('PK\u0003\u0004\u0000\u0000')).toEqual({
      ok: false,
      message: expect.stringContaining('not a CSV'),
    });
  });
});
