/** Between stored MongoDB documents and the records of store/types.ts. */
import type { Document } from 'mongodb';

/** Fields that exist only for indexes (see indexes.ts) and never leave the adapter. */
const internalFields = ['_id', 'rev', 'upnKey', 'openKey', 'activeKey', 'currentKey'];

export function toRecord<T>(document: Document): T {
  const record: Record<string, unknown> = { ...document };
  for (const field of internalFields) delete record[field];
  return record as T;
}

export function toRecordOrNull<T>(document: Document | null): T | null {
  return document === null ? null : toRecord<T>(document);
}

export function toRecords<T>(documents: Document[]): T[] {
  return documents.map((document) => toRecord<T>(document));
}
