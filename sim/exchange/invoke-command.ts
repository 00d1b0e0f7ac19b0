import type { TokenIssuer } from '../authority/access-tokens';
import { exchangeResource } from '../authority/app-roles';
import type { FaultInjector } from '../faults/fault-injector';
import { injectedAnswer } from '../graph/graph-answers';
import { authenticate } from '../graph/graph-endpoint';
import { parseJsonBody, requestIdsOf, type SimRequest, type SimResponse } from '../http/sim-http';
import { GraphFault } from '../state/graph-fault';
import { settleGroupLicenses } from '../state/group-licensing';
import { setMailboxAddresses, settleMailboxes } from '../state/mailboxes';
import { findTenant, type SimState, type SimTenant } from '../state/tenant-state';
import { exchangeError, findMailbox, mailboxJson, notFoundAnswer } from './exchange-answers';
import { hasMailboxSettings, planMailboxSettings, runLifecycleCmdlet } from './lifecycle-cmdlets';

/**
 * Exchange Online's admin REST endpoint `/adminapi/beta/{tenant}/InvokeCommand` with Get-Mailbox and Set-Mailbox
 * (addresses and the settings of ./lifecycle-cmdlets.ts, which also runs the lifecycle's other cmdlets). A mailbox
 * exists only once Exchange has provisioned it after a licence.
 */

export interface ExchangeEndpoint {
  state: SimState;
  tokens: TokenIssuer;
  faults: FaultInjector;
  exchangeBase: string;
}

interface CmdletInput {
  CmdletName?: unknown;
  Parameters?: Record<string, unknown>;
}

function addressesOf(value: unknown): string[] | undefined {
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  if (typeof value === 'string')
    return value
      .split(/[;,]/)
      .map((item) => item.trim())
      .filter(Boolean);
  return undefined;
}

function runCmdlet(endpoint: ExchangeEndpoint, tenant: SimTenant, input: CmdletInput): SimResponse {
  const parameters = input.Parameters ?? {};
  const identity = typeof parameters.Identity === 'string' ? parameters.Identity : undefined;
  const context = `${endpoint.exchangeBase}/adminapi/beta/${tenant.id}/$metadata#Collection(Exchange.GenericHashTable)`;
  switch (input.CmdletName) {
    case 'Get-Mailbox': {
      if (!identity) {
        const all = [...tenant.users.values()].filter((user) => user.mailboxReady).map(mailboxJson);
        return { status: 200, body: { '@odata.context': context, value: all } };
      }
      const user = findMailbox(tenant, identity);
      if (!user) return notFoundAnswer(tenant, identity);
      return { status: 200, body: { '@odata.context': context, value: [mailboxJson(user)] } };
    }
    case 'Set-Mailbox': {
      if (!identity)
        return exchangeError(
          400,
          'BadRequest',
          "Cannot process argument transformation on parameter 'Identity'. The Identity parameter is required.",
        );
      const user = findMailbox(tenant, identity);
      if (!user) return notFoundAnswer(tenant, identity);
      const addresses = addressesOf(parameters.EmailAddresses);
      if (!addresses && !hasMailboxSettings(parameters)) {
        return exchangeError(
          400,
          'BadRequest',
          'A parameter cannot be found or has an invalid value: Set-Mailbox supports -EmailAddresses, -Type, -ForwardingSmtpAddress, -DeliverToMailboxAndForward and -HiddenFromAddressListsEnabled here.',
        );
      }
      const plan = planMailboxSettings(parameters);
      if ('refused' in plan) return plan.refused;
      if (addresses) {
        try {
          setMailboxAddresses(tenant, user, addresses);
        } catch (error) {
          if (error instanceof GraphFault)
            return exchangeError(
              400,
              'BadRequest',
              `Ex9A7B21|Microsoft.Exchange.Data.DataValidationException|${error.message}`,
            );
          throw error;
        }
      }
      plan.apply(tenant, user);
      return { status: 200, body: { '@odata.context': context, value: [] } };
    }
    default:
      return (
        runLifecycleCmdlet(tenant, String(input.CmdletName), parameters, context) ??
        exchangeError(
          400,
          'BadRequest',
          `The term '${String(input.CmdletName)}' is not recognized as the name of a cmdlet supported by this endpoint.`,
        )
      );
  }
}

export function answerExchange(endpoint: ExchangeEndpoint, request: SimRequest, tenantSegment: string): SimResponse {
  const { state } = endpoint;
  const ids = requestIdsOf(request);
  const headers = { 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId };
  const finish = (answer: SimResponse): SimResponse => ({ ...answer, headers: { ...headers, ...answer.headers } });
  const auth = authenticate(endpoint, request, exchangeResource);
  if ('fault' in auth) return finish(exchangeError(401, 'Unauthorized', auth.fault.message));
  const pathTenant = findTenant(state, tenantSegment);
  if (!pathTenant || pathTenant.id !== auth.tenant.id) {
    return finish(
      exchangeError(401, 'Unauthorized', 'The access token was issued for another tenant than the one in the URL.'),
    );
  }
  if (!auth.roles.has('Exchange.ManageAsApp')) {
    return finish(
      exchangeError(
        403,
        'Forbidden',
        `The role assigned to application ${state.app.clientId} isn't supported in this scenario. Please check online documentation for assigning correct Directory Roles to Azure AD Application for EXO App-Only Authentication.`,
      ),
    );
  }
  const injected = endpoint.faults.strike();
  if (injected)
    return finish(injectedAnswer(injected, ids, state.now(), { appId: state.app.clientId, tenantId: pathTenant.id }));
  settleGroupLicenses(state, pathTenant);
  settleMailboxes(state, pathTenant);
  const body = parseJsonBody(request);
  const input = body.ok ? (body.value as { CmdletInput?: CmdletInput } | undefined)?.CmdletInput : undefined;
  if (!input)
    return finish(
      exchangeError(400, 'BadRequest', 'The request body must hold a CmdletInput with a CmdletName and Parameters.'),
    );
  return finish(runCmdlet(endpoint, pathTenant, input));
}
