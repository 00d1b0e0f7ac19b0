import { fullPassDue, slotOffset } from '../../sync/full-pass';

const day = 24 * 60 * 60_000;

describe('the periodic full pass', () => {
  it('is due on the first sync, and always with a period of zero', () => {
    expect(fullPassDue('contoso', undefined, new Date(), day)).toBe(true);
    expect(fullPassDue('contoso', new Date(), new Date(), 0)).toBe(true);
  });

  it("falls once a period, at the tenant's own time of day", () => {
    const offset = slotOffset('contoso', day);
    const boundary = 100 * day + offset;
    const justBefore = new Date(boundary - 60_000);
    expect(fullPassDue('contoso', new Date(boundary - day + 1), justBefore, day)).toBe(false);
    expect(fullPassDue('contoso', new Date(boundary - day + 1), new Date(boundary), day)).toBe(true);
    // A full read just after the boundary: the next is due at the next boundary, not a day after the read.
    expect(fullPassDue('contoso', new Date(boundary + 1), new Date(boundary + day - 1), day)).toBe(false);
    expect(fullPassDue('contoso', new Date(boundary + 1), new Date(boundary + day), day)).toBe(true);
  });

  it('is always due once a whole period has passed since the last full read', () => {
    for (const id of ['a', 'b', 'contoso', 'fabrikam', 'tailspin']) {
      expect(fullPassDue(id, new Date(5 * day + 12_345), new Date(6 * day + 12_345), day)).toBe(true);
    }
  });

  it('spreads a thousand tenants over the day', () => {
    const hours = new Set<number>();
    for (let i = 0; i < 1000; i++) hours.add(Math.floor(slotOffset(`customer-${i}`, day) / (60 * 60_000)));
    expect(hours.size).toBe(24);
  });
});
