/** Admin access (core/reply.ts AdminAccessReply) as plain text, for the CLI. */
import type { AdminAccessReply } from '../core/reply';

export function renderAdminAccessText(reply: AdminAccessReply): string {
  const lines = [reply.title];
  for (const section of reply.sections) {
    lines.push('');
    if (section.heading) lines.push(section.heading);
    for (const fact of section.facts) lines.push(`  ${fact.label}: ${fact.value}`);
  }
  for (const note of reply.notes) lines.push(`Note: ${note}`);
  lines.push(`Customer: ${reply.customerName}`);
  return lines.join('\n');
}
