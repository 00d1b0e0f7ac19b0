/**
 * A command that needs an approver's yes becomes a request instead of a refusal (design §9): checked as far as it
 * can be without changing anything, recorded, posted with Approve / Deny, and the requester told it is waiting.
 */
import { formatWhen } from '../../common/format-when';
import type { ConversationRef, Customer } from '../../store/types';
import { conversationOf, privateConversationOf } from '../admin-grants';
import { maxAdminMinutesOf } from '../admin-policy';
import { adminRoleOf, roleName } from '../admin-role';
import { recordAudit } from '../audit';
import { roleOf } from '../authorize';
import { effectsOf } from '../command-catalog';
import { formatDuration } from '../duration';
import { fail } from '../errors';
import { findManagedUser, readTenantUser } from '../managed-user';
import { checkOffboarding } from '../offboarding/check-offboarding';
import type { Reply, ResultReply } from '../reply';
import type { Command, RequestContext } from '../request';
import { resolveCustomer } from '../resolve-customer';
import type { Invocation } from '../runtime';
import { possessive } from '../words';
import { requestExpiryJobType } from './expire-request';
import { postRequestCard, requestDestination } from './request-channel';
import { describeAsk } from './request-view';
import { effectsNeedingApproval, mayNeedRequest } from './requestable';

const defaultRequestTtlMs = 24 * 60 * 60 * 1000;
/** The longest admin grant a request may ask for, until the customer's `max-admin` policy says otherwise. */

/** The request made instead of running the command, or undefined when the command runs (or is refused) as usual. */
export async function askInstead(invocation: Invocation): Promise<Reply | undefined> {
  const { runtime, request } = invocation;
  const command = request.command;
  // A preview asks nothing: it says whether the command would become a request (handlers/preview.ts).
  if (command.name === 'submit-form' || command.name === 'preview' || request.onBehalfOf) return undefined;
  const effects = effectsOf(command);
  const may = mayNeedRequest(await roleOf(runtime, request.context), effects);
  if (may === 'no') return undefined;
  const customer = await resolveCustomer(invocation, hintsOf(command));
  if (may === 'policy' && effectsNeedingApproval(customer, effects).length === 0) return undefined;
  await checkAskable(invocation, customer, command);
  const destination = await requestDestination(runtime, customer, request.context);
  return createRequest(invocation, customer, command, destination);
}

/**
 * A request for `command` as a whole, decided by the caller (a bulk batch with rows an approver must decide): posted
 * where the customer's requests go; refused when no channel would show it.
 */
export async function askForWhole(invocation: Invocation, customer: Customer, command: Command): Promise<ResultReply> {
  const destination = await requestDestination(invocation.runtime, customer, invocation.request.context);
  return createRequest(invocation, customer, command, destination);
}

function hintsOf(command: Command): { upn?: string; customerId?: string } {
  const upn = 'upn' in command && typeof command.upn === 'string' ? command.upn : undefined;
  const customerId = 'customerId' in command && typeof command.customerId === 'string' ? command.customerId : undefined;
  return { upn, customerId };
}

/** What can be refused now is refused now: no request is made for something that could not be done. */
async function checkAskable(invocation: Invocation, customer: Customer, command: Command): Promise<void> {
  if (command.name === 'offboard') {
    await checkOffboarding(invocation, { ...command, customerId: customer.id });
    return;
  }
  if (command.name !== 'grant-admin' && command.name !== 'remove-user') return;
  if (command.name === 'grant-admin') checkAdminDuration(customer, command.durationMinutes);
  const managed = await findManagedUser(invocation, command.upn, customer.id);
  if (command.name !== 'grant-admin') return;
  const user = await readTenantUser(managed);
  if ((await managed.tenant.listRoleMembers(adminRoleOf(customer))).includes(user.id)) {
    const grant = await invocation.runtime.store.adminGrants.findCurrent(customer.id, user.id);
    const until = grant?.endsAt
      ? `until ${formatWhen(grant.endsAt)}`
      : grant
        ? 'with no end time'
        : 'given outside m365ops';
    throw fail(
      'already-admin',
      `${managed.record.upn} already holds ${roleName(customer.adminRole)} in ${possessive(customer.name)} tenant, ${until}. Nothing was asked.`,
    );
  }
}

function checkAdminDuration(customer: Customer, minutes: number | undefined): void {
  const limitMinutes = maxAdminMinutesOf(customer);
  const limit = formatDuration(limitMinutes);
  if (minutes === undefined) {
    throw fail(
      'needs-duration',
      `Requests for admin access need a duration: add \`for 2h\`, up to ${limit} for ${customer.name}. Nothing was asked.`,
    );
  }
  if (minutes > limitMinutes) {
    throw fail(
      'over-limit',
      `${formatDuration(minutes)} is longer than ${customer.name} allows for admin access (${limit}); ask for up to ${limit}. Nothing was asked.`,
    );
  }
}

async function createRequest(
  invocation: Invocation,
  customer: Customer,
  command: Command,
  destination: Awaited<ReturnType<typeof requestDestination>>,
): Promise<ResultReply> {
  const { runtime, request } = invocation;
  const { confirmed: _confirmed, ...asked } = { ...command, customerId: customer.id } as Command & {
    confirmed?: boolean;
  };
  const why = 'reason' in asked ? asked.reason : undefined;
  const ticket = 'ticket' in asked ? asked.ticket : undefined;
  const expiresAt = new Date(runtime.clock.now().getTime() + (runtime.settings.requestTtlMs ?? defaultRequestTtlMs));
  const record = await runtime.store.requests.create({
    customerId: customer.id,
    command: asked as unknown as Record<string, unknown>,
    requester: request.context.identity,
    requesterName: request.context.displayName,
    requestedIn: conversationOf(request.context),
    requesterPrivately: privateOfRequester(request.context),
    reason: why,
    ticket,
    expiresAt,
  });
  await runtime.store.jobs.enqueue({
    type: requestExpiryJobType,
    payload: { requestId: record.id },
    runAt: expiresAt,
    uniqueKey: `request-expiry:${record.id}`,
  });
  const asks = describeAsk(asked, customer);
  await recordAudit(invocation, {
    action: 'request',
    result: 'ok',
    details: {
      requestId: record.id,
      command: asked.name,
      asks,
      reason: why,
      ticket,
      expiresAt: expiresAt.toISOString(),
    },
  });
  await postRequestCard(runtime, destination, record, customer);
  return {
    kind: 'result',
    title: `Request ${record.id} is waiting for an approver`,
    facts: [
      { label: 'Asks', value: asks },
      { label: 'Open until', value: formatWhen(expiresAt) },
    ],
    notes: [`You will hear here what comes of it; \`cancel request ${record.id}\` withdraws it.`],
    customerId: customer.id,
    customerName: customer.name,
  };
}

/** The requester's own chat with m365ops: the 1:1 chat or DM they asked from, or the one opened for them. */
function privateOfRequester(context: RequestContext): ConversationRef | undefined {
  if (context.privateConversation) return privateConversationOf(context);
  return context.isPersonal ? conversationOf(context) : undefined;
}
