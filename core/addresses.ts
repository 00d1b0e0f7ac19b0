/**
 * User principal names and email aliases: the one grammar of an address (what Entra and Exchange accept), checked
 * before anything is sent. The text parser (bot/commands) and the handlers both read it, each wording its reasons.
 */
import type { TenantDomain } from '../m365/types';
import { fail } from './errors';
import { echoInput } from './input-limits';

// Entra: A-Z a-z 0-9 ' . - _ ! # ^ ~ before the @, no accents; no leading, trailing or double dots.
const localCharacter = /^[A-Za-z0-9'._\-!#^~]$/;
const localPart = /^[A-Za-z0-9'_!#^~-]+(?:\.[A-Za-z0-9'_!#^~-]+)*$/;
const domainPart = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const maxLocalLength = 64;

/** How the characters allowed before the @ are named to people. */
export const allowedLocalCharacters = "letters A-Z, digits 0-9 and ' . - _ ! # ^ ~ (no accents or spaces)";

export interface ParsedAddress {
  address: string;
  local: string;
  domain: string;
}

/** Why a text is not an address. */
export type AddressProblem =
  | { problem: 'no-at' }
  | { problem: 'characters'; characters: string[] }
  | { problem: 'dots' }
  | { problem: 'too-long' }
  | { problem: 'domain' };

/** The address `text` names, or what is wrong with it (the first problem found, in the order above). */
export function checkAddressSyntax(
  text: string,
): ({ ok: true; asTyped: string } & ParsedAddress) | ({ ok: false } & AddressProblem) {
  const trimmed = text.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return { ok: false, problem: 'no-at' };
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  const wrong = [...local].filter((char) => !localCharacter.test(char));
  if (wrong.length > 0) return { ok: false, problem: 'characters', characters: [...new Set(wrong)] };
  if (!localPart.test(local)) return { ok: false, problem: 'dots' };
  if (local.length > maxLocalLength) return { ok: false, problem: 'too-long' };
  if (!domainPart.test(domain)) return { ok: false, problem: 'domain' };
  const asTyped = `${local}@${domain}`;
  return { ok: true, asTyped, address: asTyped.toLowerCase(), local: local.toLowerCase(), domain };
}

/** A domain name such as contoso.com (lower case). */
export function isDomainName(text: string): boolean {
  return domainPart.test(text);
}

export function parseUpn(upn: string, field = 'userName'): ParsedAddress {
  const parsed = splitAddress(upn);
  if (!parsed) {
    throw fail(
      'bad-upn',
      `"${echoInput(upn)}" is not a valid user name; write it as name@domain (letters, digits and ' . - _ ! # ^ ~ before the @), such as jane.doe@contoso.com.`,
      { field },
    );
  }
  return parsed;
}

function splitAddress(text: string): ParsedAddress | undefined {
  const checked = checkAddressSyntax(text);
  return checked.ok ? { address: checked.address, local: checked.local, domain: checked.domain } : undefined;
}

/** Aliases must be addresses on the tenant's verified domains, different from the primary and from each other. */
export function checkAliases(aliases: readonly string[], primary: string, verified: readonly TenantDomain[]): string[] {
  const domains = verified.map((domain) => domain.id.toLowerCase());
  const checked: string[] = [];
  for (const alias of aliases) {
    const parsed = splitAddress(alias);
    if (!parsed) {
      throw fail(
        'bad-alias',
        `"${echoInput(alias)}" is not an email address; write aliases as name@domain, such as j.doe@${domains[0] ?? 'contoso.com'}.`,
        {
          field: 'aliases',
        },
      );
    }
    if (!domains.includes(parsed.domain)) {
      throw fail(
        'bad-alias',
        `The alias ${parsed.address} is not on a verified domain of the tenant; use one of ${domains.join(', ')}.`,
        { suggestions: domains.map((domain) => `${parsed.local}@${domain}`), field: 'aliases' },
      );
    }
    if (parsed.address === primary.toLowerCase() || checked.includes(parsed.address)) continue;
    checked.push(parsed.address);
  }
  return checked;
}

/** Splits the form's alias box: one address per line or comma separated. */
export function splitAliasText(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Exchange's EmailAddresses form: `SMTP:` (upper case) marks the primary reply address, `smtp:` the others. */
export function toEmailAddresses(
  primary: string,
  aliases: readonly string[],
  existing: readonly string[] = [],
): string[] {
  const lowerPrimary = primary.toLowerCase();
  const others = new Set<string>();
  const kept: string[] = []; // X500:, SIP: and other entries stay as Exchange has them
  for (const entry of existing) {
    const colon = entry.indexOf(':');
    const prefix = colon > 0 ? entry.slice(0, colon) : 'smtp';
    const address = colon > 0 ? entry.slice(colon + 1) : entry;
    if (prefix.toLowerCase() !== 'smtp') kept.push(entry);
    else if (address.toLowerCase() !== lowerPrimary) others.add(address.toLowerCase());
  }
  for (const alias of aliases) if (alias.toLowerCase() !== lowerPrimary) others.add(alias.toLowerCase());
  return [`SMTP:${lowerPrimary}`, ...[...others].map((address) => `smtp:${address}`), ...kept];
}

/** The aliases of a mailbox's address list (secondary smtp entries), lower case. */
export function aliasesIn(emailAddresses: readonly string[]): string[] {
  return emailAddresses.filter((entry) => entry.startsWith('smtp:')).map((entry) => entry.slice(5).toLowerCase());
}

/** mailNickname allows letters, digits and . - _ only (no spaces, no @). */
export function mailNickname(local: string): string {
  const cleaned = local.replace(/[^A-Za-z0-9._-]/g, '');
  return cleaned.length > 0 ? cleaned.slice(0, 64) : 'user';
}
