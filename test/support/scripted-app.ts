/**
 * An App whose handlers answer from a script, for transport behaviour the real handlers cannot be made to show on
 * demand (slow work, a reply with a secret, a form with errors then a result, a refused decision, a redelivered
 * activity). The handlers contract (core/m365ops-port.ts) is implemented by hand and injected; no module is mocked.
 * Each transport's tests wrap it with the environment that switches their transport on.
 */
import type { App } from '../../bot/server/app';
import { createReadiness } from '../../bot/server/readiness';
import { createLogger } from '../../common/logger';
import { createMetrics } from '../../common/metrics';
import type { EnvConfig } from '../../config/env';
import type { M365ops } from '../../core/m365ops-port';
import type { PlatformNotifier } from '../../core/notifier';
import type { Reply } from '../../core/reply';
import type { ProgressListener, Request } from '../../core/request';

export type ScriptedAnswer = (request: Request, onProgress?: ProgressListener) => Promise<Reply>;

export interface ScriptedApp {
  app: App;
  requests: Request[];
  notifiers: PlatformNotifier[];
}

export function createScriptedApp(env: Partial<EnvConfig>, answer: ScriptedAnswer): ScriptedApp {
  const requests: Request[] = [];
  const notifiers: PlatformNotifier[] = [];
  const closers: (() => Promise<void>)[] = [];
  const m365ops: M365ops = {
    async handle(request, onProgress) {
      requests.push(request);
      return answer(request, onProgress);
    },
    async handleConsentCallback() {
      return { status: 404, html: '' };
    },
    async replyPosted() {},
    async claimWelcome() {
      return true;
    },
    async parseHints() {
      return { planIds: ['business-premium', 'business-basic'], customerIds: ['contoso', 'fabrikam'] };
    },
    requestKeys: {
      setIfAbsent: async (_key, value) => value,
      set: async () => {},
    },
  };
  const app = {
    env,
    m365ops,
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    readiness: createReadiness(),
    addNotifier: (notifier: PlatformNotifier) => notifiers.push(notifier),
    onClose: (task: () => Promise<void>) => closers.push(task),
    async close() {
      for (const task of closers.reverse()) await task();
    },
  } as unknown as App;
  return { app, requests, notifiers };
}
