/**
 * createM365ops: the m365ops port (core/m365ops-port.ts) over the one runtime. Every request is authorised, routed
 * to its use case, and answered with a Reply; expected failures become a plain ErrorReply (never a throw), and
 * changes, refusals and failures of changes land in the audit log.
 */

import { askInstead } from '../core/approvals/ask';
import { recordAudit } from '../core/audit';
import { authorize } from '../core/authorize';
import { commandSpecs } from '../core/commands';
import { toErrorReply } from '../core/errors';
import type { M365ops } from '../core/m365ops-port';
import type { Reply } from '../core/reply';
import type { Command, ProgressListener, Request } from '../core/request';
import type { Invocation, Runtime } from '../core/runtime';
import { noteOperationCard } from '../core/steps';
import { commandLabel, outcomeOf, recordCommand } from './command-log';
import { handleConsentCallback } from './consent-callback';
import { routeOf } from './dispatch';
import { readParseHints } from './parse-hints';

export type { M365ops } from '../core/m365ops-port';

import { createJobHandlers as createCoreJobHandlers } from '../jobs/alias-job';
import type { JobHandler } from '../jobs/job-runner';
import { bulkJobType, createBulkJobHandler } from './bulk-job';

/** Every durable job's handler: those of jobs/, and the bulk batch's, which runs rows through these handlers. */
export function createJobHandlers(runtime: Runtime, owner?: string): Record<string, JobHandler> {
  return {
    ...createCoreJobHandlers(runtime, owner),
    [bulkJobType]: createBulkJobHandler(runtime, (request) => createM365ops(runtime).handle(request)),
  };
}

/** The handlers over the process's one runtime (core/runtime.ts createRuntime): its lock and caches are shared. */
export function createM365ops(runtime: Runtime): M365ops {
  async function handle(request: Request, onProgress?: ProgressListener): Promise<Reply> {
    const invocation: Invocation = { runtime, request, dispatch: (run) => handle(run) };
    const route = routeOf(request.command);
    const started = performance.now();
    try {
      const asked = await askInstead(invocation);
      if (asked) {
        recordCommand(invocation, { reply: asked, outcome: 'ok' }, started);
        return asked;
      }
      if (!commandSpecs[request.command.name].open) await authorize(runtime, request.context, request.command);
      const reply = await route.run(invocation, request.command as never, onProgress);
      recordCommand(invocation, { reply, outcome: reply.kind === 'error' ? 'refused' : 'ok' }, started);
      return reply;
    } catch (error) {
      const reply = toErrorReply(error, runtime.logger);
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
      runtime.logger.error({ err: auditError, command: command.name }, 'could not write the audit record of a refusal');
    }
  }

  return {
    handle,
    parseHints: () => readParseHints(runtime),
    requestKeys: runtime.store.settings,
    async replyPosted(reply, message) {
      if (reply.kind === 'result' && reply.progress) {
        await noteOperationCard(runtime, reply, message).catch((error: unknown) => {
          runtime.logger.warn({ err: error }, 'could not keep where the card of an operation was posted');
        });
        return;
      }
      if (reply.kind !== 'consent-link' || reply.outcome) return;
      try {
        await runtime.store.consentLinks.setMessage(reply.linkId, message);
      } catch (error) {
        runtime.logger.warn(
          { err: error, customerId: reply.customerId },
          'could not keep where the consent link was posted',
        );
      }
    },
    async claimWelcome(person) {
      try {
        return await runtime.store.welcomes.claimFirst(person);
      } catch (error) {
        runtime.logger.warn({ err: error }, 'could not tell whether someone was welcomed already');
        return false;
      }
    },
    async handleConsentCallback(query) {
      try {
        return await handleConsentCallback(runtime, query);
      } catch (error) {
        runtime.logger.error({ err: error }, 'consent callback failed');
        return {
          status: 500,
          html: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Something went wrong</title></head><body><h1>Something went wrong</h1><p>Your answer could not be recorded. Please try the link again in a few minutes, or ask your provider for a new one.</p></body></html>',
        };
      }
    },
  };
}
