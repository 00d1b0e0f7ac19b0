import { countOf, possessive } from '../../core/words';

describe('countOf', () => {
  it('says one thing in the singular', () => {
    expect(countOf(1, 'free licence')).toBe('1 free licence');
  });

  it('says none and many in the plural', () => {
    expect(countOf(0, 'free licence')).toBe('0 free licences');
    expect(countOf(1200, 'user')).toBe('1,200 users');
  });

  it('takes an irregular plural', () => {
    expect(countOf(2, 'discrepancy', 'discrepancies')).toBe('2 discrepancies');
  });
});

describe('possessive', () => {
  it("adds 's to a name", () => {
    expect(possessive('Contoso Ltd')).toBe("Contoso Ltd's");
  });

  it('adds the apostrophe alone to a name ending in s', () => {
    expect(possessive('Northwind Traders')).toBe("Northwind Traders'");
  });
});
