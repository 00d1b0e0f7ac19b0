import { renderCsv } from '../../cards/render-csv';

describe('renderCsv', () => {
  it('writes the header and rows with CRLF line ends', () => {
    expect(renderCsv({ columns: ['a', 'b'], rows: [['1', '2']] })).toBe('a,b\r\n1,2\r\n');
  });

  it('quotes fields holding a comma, a quote or a line break, doubling quotes', () => {
    expect(renderCsv({ columns: ['reason'], rows: [['Mailbox, "urgent"\nmigration']] })).toBe(
      'reason\r\n"Mailbox, ""urgent""\nmigration"\r\n',
    );
  });

  it('keeps text people typed from running as a spreadsheet formula', () => {
    const csv = renderCsv({ columns: ['reason'], rows: [['=HYPERLINK("http://x")'], ['+1'], ['-2'], ['@SUM(A1)']] });
    expect(csv.split('\r\n').slice(1, 5)).toEqual(['"\'=HYPERLINK(""http://x"")"', `"'+1"`, `"'-2"`, `"'@SUM(A1)"`]);
  });
});
