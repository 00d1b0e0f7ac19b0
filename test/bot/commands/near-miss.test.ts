import { findClosest, findNearMisses, measureEditDistance } from '../../../bot/commands/near-miss';

describe('edit distance', () => {
  it.each([
    ['plan', 'plna', 1],
    ['business-premium', 'busines-premium', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['ab', 'ba', 1],
  ])('measures %s → %s as %i', (a, b, distance) => {
    expect(measureEditDistance(a, b)).toBe(distance);
  });

  it('answers max + 1 as soon as the distance is over the bound', () => {
    expect(measureEditDistance('kitten', 'sitting', 2)).toBe(3);
    expect(measureEditDistance('a'.repeat(100_000), 'plan', 3)).toBe(4);
    expect(measureEditDistance('kitten', 'sitting', 3)).toBe(3);
  });
});

describe('near misses', () => {
  it('finds nothing near a word far longer than any candidate, without comparing it', () => {
    expect(findNearMisses('x'.repeat(1_000_000), ['plan', 'name', 'location'])).toEqual([]);
  });

  it('ranks by the start of a long word only', () => {
    expect(findClosest(`users${'x'.repeat(1_000_000)}`, ['users', 'status', 'help'], 1)).toEqual(['users']);
  });
});
