import { numberedUsername, usernameFrom } from '../../core/plan-templates/username';

describe('usernameFrom', () => {
  it.each([
    ['first.last', 'jane.doe'],
    ['f.last', 'j.doe'],
    ['firstl', 'janed'],
    ['first', 'jane'],
  ] as const)('makes Jane Doe %s → %s', (format, expected) => {
    expect(usernameFrom('Jane Doe', format)).toBe(expected);
  });

  it('folds accents and letters without a base letter, and lower-cases', () => {
    expect(usernameFrom('Zoë Ångström', 'first.last')).toBe('zoe.angstrom');
    expect(usernameFrom('Jürgen Großmann', 'first.last')).toBe('jurgen.grossmann');
    expect(usernameFrom('Søren Łukasz-Æbelø', 'first.last')).toBe('soren.lukasz-aebelo');
  });

  it('uses the first and last words of a longer name', () => {
    expect(usernameFrom('  Mary Ann  van der Berg ', 'first.last')).toBe('mary.berg');
    expect(usernameFrom('Jean-Luc Picard', 'f.last')).toBe('j.picard');
  });

  it('drops what a UPN may not hold before the @, keeping an apostrophe and hyphens inside a word', () => {
    expect(usernameFrom("Seán O'Brien (Sales)", 'first.last')).toBe('sean.sales');
    expect(usernameFrom("Seán O'Brien", 'first.last')).toBe("sean.o'brien");
    expect(usernameFrom('Dr. J. R. R. Tolkien!', 'firstl')).toBe('drt');
    expect(usernameFrom('Anna 2nd', 'first.last')).toBe('anna.2nd');
  });

  it('makes a one-word name the whole username, and nothing of a name with no usable letters', () => {
    expect(usernameFrom('Cher', 'first.last')).toBe('cher');
    expect(usernameFrom('Cher', 'f.last')).toBe('cher');
    expect(usernameFrom('李 小龍', 'first.last')).toBeUndefined();
    expect(usernameFrom(' -- ', 'first')).toBeUndefined();
  });

  it('keeps a username within 64 characters', () => {
    const long = usernameFrom(`${'a'.repeat(40)} ${'b'.repeat(40)}`, 'first.last')!;
    expect(long).toHaveLength(64);
    expect(numberedUsername(long, 12)).toBe(`${long.slice(0, 62)}12`);
    expect(numberedUsername('jane.doe', 2)).toBe('jane.doe2');
  });
});
