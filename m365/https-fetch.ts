import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';

/**
 * HTTPS trust for the in-process simulator: its CA is added to Node's roots for our own requests only, with
 * verification left on. Without `ca`, Node's global fetch is used as is (it honours NODE_EXTRA_CA_CERTS).
 *
 * Building a TLS context parses every root certificate, so it happens once per CA, not per connection: one
 * secure context and one connection pool (an undici Agent) per CA for the whole process, shared by every tenant
 * and every gateway. Idle pooled sockets do not keep the process alive.
 */
export interface HttpTransport {
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Extra `fetch` options (the undici dispatcher) for clients that call the global fetch themselves. */
  fetchOptions: Record<string, unknown>;
}

const defaultTransport: HttpTransport = { fetch: (url, init) => fetch(url, init), fetchOptions: {} };

/** Transports by CA. A process trusts one or two; tests start many simulators, each with its own CA. */
const transportsByCa = new Map<string, HttpTransport>();
const keptCas = 8;

function createCaTransport(ca: string): HttpTransport {
  const secureContext = createSecureContext({ ca: [...rootCertificates, ca] });
  const dispatcher: Dispatcher = new Agent({ connect: { secureContext } });
  // Node's fetch accepts undici's `dispatcher` option, which RequestInit's DOM typing does not declare.
  const fetchOptions = { dispatcher } as Record<string, unknown>;
  return { fetch: (url, init) => fetch(url, { ...init, ...fetchOptions } as RequestInit), fetchOptions };
}

/** The transport trusting `ca` besides Node's roots: the same one for every call with that CA. */
export function getHttpTransport(ca?: string): HttpTransport {
  if (!ca) return defaultTransport;
  let transport = transportsByCa.get(ca);
  if (!transport) {
    transport = createCaTransport(ca);
    transportsByCa.set(ca, transport);
    // Forgotten, not closed: a gateway still holding it keeps working, and its idle sockets time out.
    if (transportsByCa.size > keptCas) transportsByCa.delete(transportsByCa.keys().next().value as string);
  }
  return transport;
}
