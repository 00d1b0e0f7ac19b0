/** The one core entry point: chat transports, the CLI and the sync job all call these. */
import type { Reply } from './reply';
import type { ProgressListener, Request } from './request';

export interface ConsentCallbackPage {
  status: number;
  /** A plain HTML page for the administrator who just consented (or did not). */
  html: string;
}

export interface Handlers {
  handle(request: Request, onProgress?: ProgressListener): Promise<Reply>;
  /** GET /consent/callback with the query Entra redirects with. */
  handleConsentCallback(query: Record<string, string | undefined>): Promise<ConsentCallbackPage>;
}
