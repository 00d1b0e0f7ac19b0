/**
 * One log line and one count per command, whatever asked for it (chat, a button, a form, the CLI): the request id,
 * the command, the customer and tenant it was about, the outcome and how long it took. Never the command's
 * arguments or the reply's text: they can hold a temporary password or a name.
 */
import { currentRequestId } from '../common/request-scope';
import { HandlerError } from '../core/handler-error';
import type { Reply } from '../core/reply';
import type { Command } from '../core/request';
import type { Invocation } from '../core/runtime';
import { M365Error } from '../m365/errors';

export type CommandOutcome = 'ok' | 'refused' | 'failed';

/** A business rule said no (refused), or something failed on the way (Microsoft, the store, a bug). */
export function outcomeOf(error: unknown): Exclude<CommandOutcome, 'ok'> {
  return error instanceof HandlerError && !(error.cause instanceof M365Error) ? 'refused' : 'failed';
}

/** How a command is named in logs and metrics: a submitted form as the command it was filled in for. */
export function commandLabel(command: Command): string {
  return command.name === 'submit-form' ? command.form : command.name;
}

export function recordCommand(
  invocation: Invocation,
  answer: { reply: Reply; outcome: CommandOutcome },
  startedMs: number,
): void {
  const { runtime, request } = invocation;
  const { reply, outcome } = answer;
  const seconds = (performance.now() - startedMs) / 1000;
  const command = commandLabel(request.command);
  const origin = request.context.origin;
  runtime.metrics?.requests.inc({ command, origin, outcome });
  runtime.metrics?.requestDuration.observe({ command }, seconds);
  const customer = invocation.customer?.id ?? ('customerId' in reply ? reply.customerId : undefined);
  const tenant = invocation.customer?.tenantId ?? (reply.kind === 'result' ? reply.tenantId : undefined);
  const line = {
    requestId: currentRequestId() ?? request.idempotencyKey,
    command,
    origin,
    customer,
    tenant,
    outcome,
    ...(reply.kind === 'error' ? { code: reply.code } : {}),
    ms: Math.round(seconds * 1000),
  };
  if (outcome === 'failed') runtime.logger.warn(line, 'command');
  else runtime.logger.info(line, 'command');
}
