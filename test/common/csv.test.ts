import { csvCell, writeCsv } from '../../common/csv';

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
