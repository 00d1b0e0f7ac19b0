import { CodedError } from '../common/coded-error';

export type StoreErrorCode = 'duplicate' | 'not-found' | 'conflict' | 'unavailable' | 'locked' | 'corrupt';

export class StoreError extends CodedError<StoreErrorCode> {}
