/**
 * createHandlers: the one core entry point. Every request is authorised, routed to its use case, and answered
 * with a Reply; expected failures become a plain ErrorReply (never a throw), and changes, refusals and failures
 * of changes land in the audit log.
 */
import { recordAudit } from './audit';
import { authorize } from './authorize';
import { commandLabel, outcomeOf, recordCommand } from './command-log';
import { handleConsentCallback } from './consent-callback';
import type { HandlerDeps } from './deps';
import { routeOf } from './dispatch';
import { toErrorReply } from './errors';
import type { Handlers } from './handlers';
import { createKeyedLock } from './keyed-lock';
import type { Reply } from './reply';
import type { Command, ProgressListener, Request } from './request';
import type { Invocation, Runtime } from './runtime';
import { createTenantDomainCache } from './tenant-domains';

export { createJobHandlers } from './aliases';
export type { Handlers } from './handlers';

export function createHandlers(deps: HandlerDeps): Handlers {
  const rt: Runtime = { ...deps, domains: createTenantDomainCache(deps.gateway, deps.clock), lock: createKeyedLock() };

  async function handle(request: Request, onProgress?: ProgressListener): Promise<Reply> {
    const invocation: Invocation = { rt, request };
    const route = routeOf(request.command.name);
    const started = performance.now();
    try {
      if (request.command.name !== 'help') await authorize(rt, request.context, request.command);
      const reply = await route.run(invocation, request.command as never, onProgress);
      recordCommand(invocation, { reply, outcome: reply.kind === 'error' ? 'refused' : 'ok' }, started);
      return reply;
    } catch (error) {
      const reply = toErrorReply(error, rt.logger);
      if (route.changes) await auditFailure(invocation, request.command, error, reply.message);
      recordCommand(invocation, { reply, outcome: outcomeOf(error) }, started);
      return reply;
    }
  }

  async function auditFailure(
    invocation: Invocation,
    command: Command,
    error: unknown,
    message: string,
  ): Promise<void> {
    try {
      await recordAudit(invocation, {
        action: commandLabel(command),
        result: outcomeOf(error),
        error: message,
        details: { code: (error as { code?: unknown }).code },
      });
    } catch (auditError) {
      rt.logger.error({ err: auditError, command: command.name }, 'could not write the audit record of a refusal');
    }
  }

  return {
    handle,
    async handleConsentCallback(query) {
      try {
        return await handleConsentCallback(rt, query);
      } catch (error) {
        rt.logger.error({ err: error }, 'consent callback failed');
        return {
          status: 500,
          html: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Something went wrong</title></head><body><h1>Something went wrong</h1><p>Your answer could not be recorded. Please try the link again in a few minutes, or ask your provider for a new one.</p></body></html>',
        };
      }
    },
  };
}
