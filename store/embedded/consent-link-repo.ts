/** Embedded consent links: recorded with the link, used up once by the callback. */
import type { ConsentLinkRepo } from '../ports';
import { withoutUndefined } from '../record-changes';
import type { ConsentLink } from '../types';
import { copyOf } from './copy';
import type { EmbeddedContext } from './definitions';

export function createConsentLinkRepo({ collections, clock }: EmbeddedContext): ConsentLinkRepo {
  const links = collections.consentLinks;
  return {
    async create(link) {
      const record: ConsentLink = { ...withoutUndefined(copyOf(link)), createdAt: clock.now() };
      const written = links.insert(record);
      const result = copyOf(record);
      await written;
      return result;
    },
    async get(nonce) {
      return copyOf(links.get(nonce) ?? null);
    },
    async consume(nonce, at) {
      const current = links.get(nonce);
      if (!current) return null;
      if (current.usedAt) return { won: false, link: copyOf(current) };
      // Checked and marked in one synchronous step: no other call runs in between.
      const record: ConsentLink = { ...current, usedAt: at };
      const written = links.put(record);
      const result = copyOf(record);
      await written;
      return { won: true, link: result };
    },
    async setMessage(nonce, message) {
      const current = links.get(nonce);
      if (!current) return false;
      await links.put({ ...current, message: copyOf(message) });
      return true;
    },
  };
}
