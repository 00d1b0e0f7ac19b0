import { CodedError } from '../common/coded-error';

/**
 * Every failure of a Microsoft call, typed. Messages are plain sentences for the helpdesk; `details` keeps
 * Graph's code, message, request id and the HTTP status for the logs.
 */
export type M365ErrorCode =
  | 'consent-missing' // no service principal in the tenant, or token without roles / 403 Authorization_RequestDenied
  | 'admin-protected' // 403 Authorization_RequestDenied on deleting or resetting the password of a user (admins are protected)
  | 'bad-credentials' // wrong client id or secret, expired secret
  | 'tenant-not-found'
  | 'throttled' // 429/503/504 beyond retries
  | 'unavailable' // network failure, 5xx beyond retries
  | 'not-found'
  | 'duplicate-upn'
  | 'duplicate-address'
  | 'unverified-domain'
  | 'weak-password'
  | 'invalid-usage-location'
  | 'no-licenses'
  | 'unknown-sku'
  | 'already-member'
  | 'not-member'
  | 'mailbox-not-ready'
  | 'delta-expired'
  | 'bad-request'
  | 'unexpected';

export class M365Error extends CodedError<M365ErrorCode> {}
