/** Small rules of English that every sentence of m365ops follows: counts with their noun, possessives of names. */

/** 1 → "1 free licence", 3 → "3 free licences"; `plural` for nouns that do not just take an s. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}

/** "Contoso Ltd's", but "Northwind Traders'" (a name ending in s takes the apostrophe alone). */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}
