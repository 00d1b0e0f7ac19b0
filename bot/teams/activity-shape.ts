/**
 * The least every Bot Framework activity carries, checked before botbuilder sees a body: botbuilder throws on a body
 * without a `type` (a 500 with a logged stack), and a turn with no conversation or sender cannot be answered.
 */

const requiredFields = [
  ['type', (body: Record<string, unknown>) => body.type],
  ['serviceUrl', (body: Record<string, unknown>) => body.serviceUrl],
  ['conversation.id', (body: Record<string, unknown>) => fieldOf(body.conversation, 'id')],
  ['from.id', (body: Record<string, unknown>) => fieldOf(body.from, 'id')],
] as const;

/** The first field an activity must have and this body lacks, or undefined when it has them all. */
export function findMissingActivityField(body: unknown): string | undefined {
  if (!isRecord(body)) return 'type';
  const missing = requiredFields.find(([, read]) => {
    const value = read(body);
    return typeof value !== 'string' || value === '';
  });
  return missing?.[0];
}

function fieldOf(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
