/**
 * A plan's username format (design §9): the part before the @ of a new user's UPN, made from the display name.
 * Lower case, accents folded (é → e, ß → ss), anything Entra does not allow before the @ dropped; the first word
 * is the first name and the last word the last name ("Jean-Luc Picard" → jean-luc.picard with first.last).
 */
import type { UsernameFormat } from '../../store/types';

const maxLocalLength = 64;

/** Letters that do not decompose into a base letter and an accent. */
const foldedLetters: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** A word of the name as Entra allows it before the @: a-z, 0-9 and ' - _ (dots come from the format only). */
function foldWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => foldedLetters[letter] ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9'_-]/g, '')
    .replace(/^[-'_]+|[-'_]+$/g, '');
}

/** The local part the format makes of `displayName`, or undefined when nothing usable is left of the name. */
export function usernameFrom(displayName: string, format: UsernameFormat): string | undefined {
  const words = displayName
    .split(/\s+/)
    .map(foldWord)
    .filter((word) => word.length > 0);
  const first = words[0];
  if (!first) return undefined;
  const last = words.length > 1 ? words[words.length - 1]! : undefined;
  const local = (() => {
    switch (format) {
      case 'first.last':
        return last ? `${first}.${last}` : first;
      case 'f.last':
        return last ? `${first.charAt(0)}.${last}` : first;
      case 'firstl':
        return last ? `${first}${last.charAt(0)}` : first;
      case 'first':
        return first;
    }
  })();
  return local.slice(0, maxLocalLength).replace(/\.+$/, '');
}

/** jane.doe → jane.doe2, jane.doe3, …: the candidates after a taken one, kept within Entra's 64 characters. */
export function numberedUsername(local: string, number: number): string {
  const suffix = String(number);
  return `${local.slice(0, maxLocalLength - suffix.length)}${suffix}`;
}
