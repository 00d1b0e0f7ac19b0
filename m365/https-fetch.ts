import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';

/**
 * HTTPS trust for the in-process simulator: its CA is added to Node's roots for our own requests only, with
 * verification left on. Without `ca`, Node's global fetch is used as is (it honours NODE_EXTRA_CA_CERTS).
 */
export interface HttpTransport {
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Extra `fetch` options (the undici dispatcher) for clients that call the global fetch themselves. */
  fetchOptions: Record<string, unknown>;
  close(): Promise<void>;
}

export function createHttpTransport(ca?: string): HttpTransport {
  if (!ca) {
    return { fetch: (url, init) => fetch(url, init), fetchOptions: {}, close: async () => {} };
  }
  const dispatcher: Dispatcher = new Agent({ connect: { ca: [...rootCertificates, ca] } });
  // Node's fetch accepts undici's `dispatcher` option, which RequestInit's DOM typing does not declare.
  const fetchOptions = { dispatcher } as Record<string, unknown>;
  return {
    fetch: (url, init) => fetch(url, { ...init, ...fetchOptions } as RequestInit),
    fetchOptions,
    close: () => dispatcher.close(),
  };
}
