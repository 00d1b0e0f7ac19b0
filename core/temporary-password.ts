/**
 * Temporary passwords that meet Entra's rules (8–256 characters, three of four classes): we always use all four
 * classes and 16 characters, drawn with a cryptographic generator. The value is sent once to Graph and shown once
 * to the requester; it is never stored, logged or audited.
 */
import { randomInt } from 'node:crypto';

const classes = [
  'ABCDEFGHJKLMNPQRSTUVWXYZ', // no I or O: people copy these by hand
  'abcdefghijkmnopqrstuvwxyz',
  '23456789',
  '!#$%&*+-=?@^_~',
];
const all = classes.join('');
const passwordLength = 16;

export function createTemporaryPassword(): string {
  const chars = classes.map((set) => pick(set));
  while (chars.length < passwordLength) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

function pick(set: string): string {
  return set[randomInt(set.length)] as string;
}
