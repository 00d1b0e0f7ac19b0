/**
 * A refusal in Graph's terms (status, code, message, optional details). Directory operations throw it; the Graph
 * layer turns it into the error envelope, the control API into a plain error message.
 */
export class GraphFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { target?: string; code: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'GraphFault';
  }
}

export function badRequest(message: string, details?: { target?: string; code: string }[]): GraphFault {
  return new GraphFault(400, 'Request_BadRequest', message, details);
}

export function notFound(key: string): GraphFault {
  return new GraphFault(
    404,
    'Request_ResourceNotFound',
    `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
  );
}
