/** MongoDB consent links, one document per nonce (_id); consume is one conditional update (atomic-update.ts). */
import type { ConsentLinkRepo } from '../ports';
import { withoutUndefined } from '../record-changes';
import type { ConsentLink } from '../types';
import type { MongoContext } from './config-repos';
import { toRecord, toRecordOrNull } from './documents';

export function createConsentLinkRepo({ db, clock, updater }: MongoContext): ConsentLinkRepo {
  const links = db.collection('consentLinks');
  return {
    async create(link) {
      const record = { ...withoutUndefined(link), createdAt: clock.now() } as ConsentLink;
      // A clash on _id becomes StoreError('duplicate') in guardRepo.
      await links.insertOne({ _id: record.nonce as never, ...record });
      return record;
    },
    async get(nonce) {
      return toRecordOrNull<ConsentLink>(await links.findOne({ _id: nonce as never }));
    },
    async consume(nonce, at) {
      const updated = await updater.update(links, { _id: nonce as never }, (current) =>
        current.usedAt ? null : { ...current, usedAt: at },
      );
      if (!updated) return null;
      if (updated.after) return { won: true, link: toRecord<ConsentLink>(updated.after) };
      return { won: false, link: toRecord<ConsentLink>(updated.before) };
    },
    async setMessage(nonce, message) {
      const updated = await updater.update(links, { _id: nonce as never }, (current) => ({ ...current, message }));
      return Boolean(updated?.after);
    },
  };
}
