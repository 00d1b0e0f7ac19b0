/**
 * Every Reply as plain text, for the CLI (and anywhere a card cannot be shown). Lists are aligned tables; a
 * secret is printed once, clearly labelled, and nowhere else.
 */
import type {
  ConfirmReply,
  ConsentLinkReply,
  DigestReply,
  DiscrepancyView,
  ErrorReply,
  FormReply,
  HelpReply,
  PlansReply,
  Reply,
  ResultReply,
  StatusReply,
  SyncSummaryReply,
  UserListReply,
} from '../core/reply';
import { renderAdminAccessText } from './admin-access-lines';
import { describeKindCount } from './discrepancy-lines';
import { renderDiscrepancyListText } from './discrepancy-list-lines';
import { renderDoctorTable } from './doctor-lines';
import { describeLicenceNotes, describeLicencesHeading, renderLicencesTable } from './licence-lines';
import { describeKind } from './present';
import { renderPreviewText } from './preview-lines';
import { describeProgressSteps, retryFailedStepsLabel } from './progress-lines';
import { renderRequestText } from './request-lines';
import { describeSyncLine, describeSyncOutcome } from './view-lines';

export function renderReplyText(reply: Reply): string {
  switch (reply.kind) {
    case 'result':
      return renderResult(reply);
    case 'error':
      return renderError(reply);
    case 'form':
      return renderForm(reply);
    case 'confirm':
      return renderConfirm(reply);
    case 'users':
      return renderUsers(reply);
    case 'status':
      return renderStatus(reply);
    case 'plans':
      return renderPlans(reply);
    case 'consent-link':
      return renderConsentLink(reply);
    case 'help':
      return renderHelp(reply);
    case 'welcome':
      return [reply.title, ...reply.lines, `Try: ${reply.commands.join(', ')}`].join('\n');
    case 'discrepancy':
      return renderDiscrepancy(reply.discrepancy);
    case 'digest':
      return renderDigest(reply);
    case 'discrepancy-list':
      return renderDiscrepancyListText(reply);
    case 'sync-summary':
      return renderSyncSummary(reply);
    case 'doctor':
      return renderDoctorTable(reply);
    case 'admin-access':
      return renderAdminAccessText(reply);
    case 'text':
      return reply.text;
    case 'approval-request':
      return renderRequestText(reply.request, reply.note);
    case 'approval-requests':
      return [reply.title, ...reply.requests.map((view) => renderRequestText(view))].join('\n\n');
    case 'preview':
      return renderPreviewText(reply);
    case 'licences': {
      const table = renderLicencesTable(reply);
      return [
        describeLicencesHeading(reply),
        renderTable(table.headers, table.rows),
        ...describeLicenceNotes(reply),
      ].join('\n');
    }
  }
}

function renderResult(reply: ResultReply): string {
  const lines = [reply.title];
  lines.push(...renderFacts(reply.facts));
  if (reply.progress) {
    lines.push(reply.progress.summary, ...describeProgressSteps(reply.progress).map((line) => `  ${line}`));
    if (reply.progress.retry) lines.push(`${retryFailedStepsLabel}: retry steps ${reply.progress.operationId}`);
  }
  for (const note of reply.notes ?? []) lines.push(`Note: ${note}`);
  if (reply.secret) {
    lines.push('', `${reply.secret.label} (shown once): ${reply.secret.value}`);
  }
  if (reply.auditId) lines.push('', `Audit record: ${reply.auditId}`);
  return lines.join('\n');
}

function renderError(reply: ErrorReply): string {
  const lines = [reply.message];
  if (reply.suggestions && reply.suggestions.length > 0 && !mentionsAll(reply.message, reply.suggestions)) {
    lines.push(`Try: ${reply.suggestions.join(', ')}`);
  }
  if (reply.neededRole) lines.push(`Needs the ${reply.neededRole} role.`);
  return lines.join('\n');
}

function renderForm(reply: FormReply): string {
  const lines = [reply.title];
  if (reply.customerName) lines.push(`Customer: ${reply.customerName}`);
  lines.push(...reply.info);
  for (const [field, message] of Object.entries(reply.errors)) lines.push(`${field}: ${message}`);
  for (const [field, choices] of Object.entries(reply.choices)) {
    if (choices.length > 0) lines.push(`${field}: ${choices.map((choice) => choice.value).join(', ')}`);
  }
  lines.push(
    reply.form === 'add-user'
      ? 'Forms open in Teams and Slack; here, type: add user <upn> plan <plan> [name "<display name>"] [location <CC>] [admin] [alias <address>]...'
      : 'Forms open in Teams and Slack; here, type: change plan <upn> <plan>',
  );
  return lines.join('\n');
}

function renderConfirm(reply: ConfirmReply): string {
  return [reply.title, ...reply.summary.map((line) => `- ${line}`), `(${reply.confirmLabel} to go ahead.)`].join('\n');
}

function renderUsers(reply: UserListReply): string {
  const title = `${reply.customerName} (${reply.customerId}): ${count(reply.users.length, reply.deleted ? 'deleted user' : 'user')}`;
  if (reply.users.length === 0) return title;
  const rows = reply.users.map((user) => [
    user.upn,
    user.displayName,
    user.planId ? (reply.planNames[user.planId] ?? user.planId) : 'custom licences',
    user.admin ? 'yes' : 'no',
    user.usageLocation ?? '',
    user.status,
    user.aliases.join(', '),
  ]);
  return [title, renderTable(['UPN', 'Name', 'Plan', 'Admin', 'Location', 'Status', 'Aliases'], rows)].join('\n');
}

function renderStatus(reply: StatusReply): string {
  if (reply.customers.length === 0) return 'No customers yet.';
  const rows = reply.customers.map((customer) => [
    customer.id,
    customer.name,
    customer.tenantId ?? '—',
    customer.consent,
    String(customer.users),
    String(customer.openDiscrepancies),
    customer.lastSync ?? 'never',
    customer.channel ?? '—',
  ]);
  const lines = [renderTable(['Customer', 'Name', 'Tenant', 'Consent', 'Users', 'Open', 'Last sync', 'Channel'], rows)];
  for (const customer of reply.customers) {
    if (customer.plans.length === 0) continue;
    lines.push('', `${customer.name} plans:`);
    lines.push(
      renderTable(
        ['Plan', 'Name', 'Used', 'Limit', 'Free licences'],
        customer.plans.map((plan) => [
          plan.planId,
          plan.name,
          String(plan.used),
          plan.limit === undefined ? 'none' : String(plan.limit),
          plan.freeLicences === undefined ? '?' : String(plan.freeLicences),
        ]),
      ),
    );
  }
  return lines.join('\n');
}

function renderPlans(reply: PlansReply): string {
  const title = reply.customerId ? `Plans for ${reply.customerId}:` : 'Plans:';
  if (reply.plans.length === 0) return `${title} none yet.`;
  const rows = reply.plans.map((plan) => [
    plan.id,
    plan.name,
    plan.skus.join(', '),
    plan.limit === undefined ? '' : String(plan.limit),
    plan.used === undefined ? '' : String(plan.used),
    plan.freeLicences === undefined ? '' : String(plan.freeLicences),
  ]);
  return [title, renderTable(['Plan', 'Name', 'SKUs', 'Limit', 'Used', 'Free licences'], rows)].join('\n');
}

function renderConsentLink(reply: ConsentLinkReply): string {
  if (reply.outcome || !reply.url) {
    const at = reply.outcome ? ` (answered ${reply.outcome.at}; the link is used up)` : '';
    return `Admin consent for ${reply.customerName}: ${reply.outcome?.text ?? 'this link has been used'}${at}.`;
  }
  return [
    `Admin-consent link for ${reply.customerName} (${reply.customerId}):`,
    reply.url,
    `Send it to the customer's Microsoft 365 administrator. It expires ${reply.expiresAt}.`,
  ].join('\n');
}

function renderHelp(reply: HelpReply): string {
  const lines = ['Commands:'];
  for (const command of reply.commands) {
    lines.push('', `  ${command.usage}`, `    ${command.description} (${command.role})`);
    if (command.example) lines.push(`    e.g. ${command.example}`);
  }
  if (reply.more) lines.push('', reply.more);
  return lines.join('\n');
}

function renderDiscrepancy(view: DiscrepancyView): string {
  const lines = [
    `${describeKind(view.kind)} at ${view.customerName}: ${view.upn}`,
    view.summary,
    ...renderFacts([
      { label: 'Expected', value: view.expected },
      { label: 'Actual', value: view.actual },
      { label: view.approveLabel.replace(/…$/, ''), value: view.approveMeans },
      { label: view.revokeLabel.replace(/…$/, ''), value: view.revokeMeans },
      { label: 'Status', value: view.status },
    ]),
  ];
  if (view.decidedBy) {
    const decision = view.decision ? `${view.decision}d` : 'decided';
    lines.push(`  ${capitalise(decision)} by ${view.decidedBy}${view.decidedAt ? ` at ${view.decidedAt}` : ''}.`);
  }
  if (view.result) lines.push(`  Result: ${view.result}`);
  lines.push(`  Id: ${view.id}`);
  return lines.join('\n');
}

function renderDigest(reply: DigestReply): string {
  const total = reply.counts.reduce((sum, entry) => sum + entry.count, 0);
  const open = reply.counts.reduce((sum, entry) => sum + entry.open, 0);
  const found = count(total, 'discrepancy', 'discrepancies');
  const lines = [
    `Sync of ${reply.customerName} (run ${reply.runId}): ${found} · ${open} open · ${total - open} decided`,
  ];
  for (const entry of reply.counts) lines.push(`  ${describeKindCount(entry)}`);
  for (const item of reply.items) lines.push('', renderDiscrepancy(item));
  return lines.join('\n');
}

function renderSyncSummary(reply: SyncSummaryReply): string {
  if (reply.customers.length === 0) return 'Nothing to sync.';
  return reply.customers
    .map((customer) => {
      const heading = `${customer.customerName} (${customer.customerId}): ${describeSyncOutcome(customer)}`;
      const detail = customer.outcome === 'ok' ? describeSyncLine(customer) : (customer.error ?? '');
      return detail ? `${heading}\n  ${detail}` : heading;
    })
    .join('\n');
}

function renderFacts(facts: { label: string; value: string }[]): string[] {
  const width = Math.max(0, ...facts.map((fact) => fact.label.length));
  return facts.map((fact) => `  ${`${fact.label}:`.padEnd(width + 1)} ${fact.value}`);
}

/** Columns padded to the widest cell; empty trailing columns are trimmed from each line. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const renderRow = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [renderRow(headers), renderRow(widths.map((width) => '-'.repeat(width))), ...rows.map(renderRow)].join('\n');
}

function mentionsAll(message: string, suggestions: string[]): boolean {
  return suggestions.every((suggestion) => message.includes(suggestion));
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
