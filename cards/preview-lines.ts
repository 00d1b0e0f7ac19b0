/**
 * A preview (`preview <command>`) in words, for every renderer: its heading, the outcome in one sentence, the checks
 * with ✅ / ❌, and each write numbered in order as `METHOD path {fields}` with what it is for.
 */
import type { PreviewCheck, PreviewReply, PreviewWrite } from '../core/preview/preview-view';

const outcomeWords: Record<PreviewReply['outcome'], string> = {
  run: 'would run',
  ask: 'would be asked of an approver',
  refused: 'would be refused',
  nothing: 'would change nothing',
};

export function describePreviewHeading(reply: PreviewReply): string {
  return `Preview: ${reply.command} ${outcomeWords[reply.outcome]}`;
}

export function describeCheck(check: PreviewCheck): string {
  return `${check.passed ? '✅' : '❌'} ${check.label}: ${check.detail}`;
}

/** "POST /users/{id}/assignLicense {addLicenses: [SPB]}": the request as sent. */
export function describeRequest(write: PreviewWrite): string {
  return [write.method === 'Exchange' ? 'Exchange:' : write.method, write.path, write.fields].filter(Boolean).join(' ');
}

/** "1. Create the user", with the request under it. */
export function describeWrites(reply: PreviewReply): { title: string; request: string }[] {
  return reply.writes.map((write, index) => ({
    title: `${index + 1}. ${write.purpose}`,
    request: describeRequest(write),
  }));
}

export function describeWritesHeading(reply: PreviewReply): string {
  if (reply.writes.length === 0) return 'Writes: none';
  return `Writes, in order (${reply.writes.length})`;
}

export function renderPreviewText(reply: PreviewReply): string {
  const lines = [describePreviewHeading(reply), reply.summary];
  if (reply.checks.length > 0) lines.push('', 'Checks:', ...reply.checks.map((check) => `  ${describeCheck(check)}`));
  lines.push('', `${describeWritesHeading(reply)}${reply.writes.length > 0 ? ':' : ''}`);
  for (const write of describeWrites(reply)) lines.push(`  ${write.title}`, `     ${write.request}`);
  if (reply.notes.length > 0) lines.push('', ...reply.notes);
  return lines.join('\n');
}
