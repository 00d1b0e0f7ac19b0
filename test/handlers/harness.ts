/**
 * Builds the real handlers for a test: the embedded store in a temp dir, a movable clock, and the real gateway
 * (against the simulator when a test needs Microsoft 365, else against a closed port, so any call would fail loudly).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '../../common/clock';
import { createLogger } from '../../common/logger';
import type { M365ops } from '../../core/m365ops-port';
import type { Reply } from '../../core/reply';
import type { Command, Request, RequestContext } from '../../core/request';
import { createRuntime, type Runtime } from '../../core/runtime';
import { createM365ops } from '../../handlers/index';
import { createM365Gateway } from '../../m365/index';
import type { M365Gateway } from '../../m365/types';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/ports';
import { slackIdentityOf } from '../support/slack-identities';

export const hour = 60 * 60 * 1000;

export interface Harness {
  store: Store;
  gateway: M365Gateway;
  handlers: M365ops;
  /** The runtime the handlers share (its lock and caches). */
  deps: Runtime;
  /** Moves time for expiry tests. */
  advance(ms: number): void;
  clock: Clock;
  /** The embedded store's directory: what a test compares to prove nothing was stored. */
  dataDir: string;
  /** Runs a command as `who` (default: the helpdesk user in a Teams channel). */
  run(command: Command, who?: Partial<RequestContext>, idempotencyKey?: string): Promise<Reply>;
  close(): Promise<void>;
}

export const helpdesk: Partial<RequestContext> = { identity: 'teams:helpdesk-1', displayName: 'Hana Helpdesk' };
export const approver: Partial<RequestContext> = { identity: 'teams:approver-1', displayName: 'Ari Approver' };
export const admin: Partial<RequestContext> = {
  identity: slackIdentityOf('UADMIN1'),
  origin: 'slack',
  displayName: 'Ada Admin',
};
export const stranger: Partial<RequestContext> = { identity: 'teams:stranger-1', displayName: 'Sam Stranger' };
export const operator: Partial<RequestContext> = {
  identity: 'cli:operator',
  origin: 'cli',
  isPersonal: true,
  channelName: 'CLI',
};

export interface HarnessOptions {
  gateway?: M365Gateway;
  aliasRetryWindowMs?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const logger = createLogger({ level: 'silent' });
  let now = new Date('2026-03-02T10:00:00Z').getTime();
  const clock: Clock = { now: () => new Date(now) };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'handlers-'));
  const store = await openStore({ dataDir, logger, clock });
  const gateway =
    options.gateway ??
    createM365Gateway({
      clientId: 'no-microsoft',
      clientSecret: 'no-microsoft',
      loginUrl: 'https://127.0.0.1:9',
      graphUrl: 'https://127.0.0.1:9',
      exchangeUrl: 'https://127.0.0.1:9',
      logger,
      retry: { maxRetries: 0 },
    });
  const deps = createRuntime({
    store,
    gateway,
    clock,
    logger,
    settings: {
      publicUrl: 'https://m365ops.example.test',
      syncCron: '*/15 * * * *',
      consentSigningKey: 'test-signing-key-0123456789abcdef',
      consentLinkTtlMs: 7 * 24 * hour,
      aliasRetryWindowMs: options.aliasRetryWindowMs ?? 24 * hour,
    },
  });
  const handlers = createM365ops(deps);
  await store.access.grant(helpdesk.identity as string, 'helpdesk', 'test');
  await store.access.grant(approver.identity as string, 'approver', 'test');
  await store.access.grant(admin.identity as string, 'admin', 'test');

  return {
    store,
    gateway,
    handlers,
    deps,
    clock,
    dataDir,
    advance(ms) {
      now += ms;
    },
    run(command, who = helpdesk, idempotencyKey) {
      const context: RequestContext = {
        identity: 'teams:helpdesk-1',
        origin: 'teams',
        isPersonal: false,
        channelKey: '19:general@thread.tacv2',
        channelName: 'General',
        ...who,
      };
      const request: Request = { context, command, ...(idempotencyKey ? { idempotencyKey } : {}) };
      return handlers.handle(request);
    },
    async close() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Narrows a reply to one kind, failing the test with the reply when it is another. */
export function expectKind<K extends Reply['kind']>(reply: Reply, kind: K): Extract<Reply, { kind: K }> {
  if (reply.kind !== kind) throw new Error(`Expected a ${kind} reply, got ${JSON.stringify(reply, null, 2)}`);
  return reply as Extract<Reply, { kind: K }>;
}
