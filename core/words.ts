/** Small rules of English that every sentence of m365ops follows: counts with their noun, possessives of names. */

/** One formatter for every count: `toLocaleString` builds a new one on each call, which status pays per row. */
const wholeNumbers = new Intl.NumberFormat('en-US');

/** 4812 → "4,812". */
export function formatCount(count: number): string {
  return wholeNumbers.format(count);
}

/** 1 → "1 free licence", 3 → "3 free licences"; `plural` for nouns that do not just take an s. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** "Contoso Ltd's", but "Northwind Traders'" (a name ending in s takes the apostrophe alone). */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** "microsoft 365 refused…" after a comma: the sentence's first letter lower-cased. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
