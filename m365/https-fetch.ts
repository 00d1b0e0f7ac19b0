import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';

/**
 * The HTTP client every Microsoft call goes through. A CA given for the in-process simulator is added to Node's
 * roots for our own requests only, with verification left on; without one, Node's roots apply (including
 * NODE_EXTRA_CA_CERTS).
 *
 * One connection pool (an undici Agent) per CA for the whole process, shared by every tenant and every gateway,
 * and with a CA one secure context built once: building one parses every root certificate, which per connection
 * was most of the CPU of a thousand-tenant run. Each origin gets at most `maxConnectionsPerOrigin` connections;
 * further requests wait for a free one instead of all shaking hands at once (on a cold start of a thousand tenants
 * that ran into connect timeouts). Idle pooled sockets do not keep the process alive.
 */
export interface HttpTransport {
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Extra `fetch` options (the undici dispatcher) for clients that call the global fetch themselves. */
  fetchOptions: Record<string, unknown>;
}

export const maxConnectionsPerOrigin = 128;

/** Transports by CA ('' for Node's roots). A process trusts one or two; tests start many simulators. */
const transportsByCa = new Map<string, HttpTransport>();
const keptCas = 8;

function createTransport(ca: string): HttpTransport {
  const connect = ca ? { secureContext: createSecureContext({ ca: [...rootCertificates, ca] }) } : undefined;
  const dispatcher: Dispatcher = new Agent({ connections: maxConnectionsPerOrigin, connect });
  // Node's fetch accepts undici's `dispatcher` option, which RequestInit's DOM typing does not declare.
  const fetchOptions = { dispatcher } as Record<string, unknown>;
  return { fetch: (url, init) => fetch(url, { ...init, ...fetchOptions } as RequestInit), fetchOptions };
}

/** The transport trusting `ca` besides Node's roots (or Node's roots alone): the same one for every call. */
export function getHttpTransport(ca = ''): HttpTransport {
  let transport = transportsByCa.get(ca);
  if (!transport) {
    transport = createTransport(ca);
    transportsByCa.set(ca, transport);
    // Forgotten, not closed: a gateway still holding it keeps working, and its idle sockets time out.
    if (transportsByCa.size > keptCas) transportsByCa.delete(transportsByCa.keys().next().value as string);
  }
  return transport;
}
