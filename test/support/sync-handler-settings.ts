import type { RuntimeSettings } from '../../core/runtime';

/** Once a year (1 January, 00:00): no scheduled tick comes during a test, which runs its ticks by hand. */
export const neverSchedule = '0 0 1 1 *';

/** Handler settings for sync tests: the default schedule does not fire and nothing depends on consent links. */
export const syncHandlerSettings: RuntimeSettings = {
  publicUrl: 'http://localhost:3978',
  syncCron: neverSchedule,
  consentSigningKey: 'test-key',
  consentLinkTtlMs: 60_000,
  aliasRetryWindowMs: 60_000,
};
