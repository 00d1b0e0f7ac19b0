/**
 * How /metrics learns of Microsoft's answers: an observer told of every answer (each attempt, retries included)
 * and of every request that got none, by service. Graph and Exchange calls report from their retry loop; sign-in
 * (MSAL) through the transport its network module uses.
 */
import type { HttpTransport } from './https-fetch';

export type MicrosoftService = 'login' | 'graph' | 'exchange';

export interface MicrosoftAnswer {
  service: MicrosoftService;
  /** The HTTP status, or undefined when the request failed before an answer (network, TLS, timeout). */
  status?: number;
}

export type AnswerObserver = (answer: MicrosoftAnswer) => void;

/** The transport, telling `observe` of each answer it gets as `service`. */
export function observeTransport(
  transport: HttpTransport,
  service: MicrosoftService,
  observe: AnswerObserver | undefined,
): HttpTransport {
  if (!observe) return transport;
  return {
    ...transport,
    async fetch(url, init) {
      try {
        const response = await transport.fetch(url, init);
        observe({ service, status: response.status });
        return response;
      } catch (error) {
        observe({ service });
        throw error;
      }
    },
  };
}
