/** The one-line `text` of a Slack message: what notifications and screen readers show. Never a secret. */
import type { Reply } from '../../core/reply';
import { describeDigestHeading, describeDiscrepancyHeading } from '../discrepancy-lines';
import { describeListHeading } from '../discrepancy-list-lines';
import { describeDoctorTitle } from '../doctor-lines';
import { describeLicencesHeading } from '../licence-lines';
import { describePreviewHeading } from '../preview-lines';
import { describeRequestHeading } from '../request-lines';
import { describeUsersHeading } from '../view-lines';
import { escapeText, truncate } from './block-kit';

export function summarizeReply(reply: Reply): string {
  return truncate(escapeText(summaryOf(reply)), 300);
}

function summaryOf(reply: Reply): string {
  switch (reply.kind) {
    case 'result':
      return reply.title;
    case 'error':
      return reply.message;
    case 'form':
      return reply.title;
    case 'confirm':
      return reply.title;
    case 'users':
      return describeUsersHeading(reply);
    case 'status':
      return `Status of ${reply.customers.length} ${reply.customers.length === 1 ? 'customer' : 'customers'}`;
    case 'plans':
      return `${reply.plans.length} ${reply.plans.length === 1 ? 'plan' : 'plans'}`;
    case 'consent-link':
      return `Admin consent link for ${reply.customerName}`;
    case 'help':
      return 'What m365ops can do';
    case 'welcome':
      return reply.title;
    case 'discrepancy':
      return describeDiscrepancyHeading(reply.discrepancy);
    case 'digest':
      return describeDigestHeading(reply);
    case 'discrepancy-list':
      return describeListHeading(reply);
    case 'sync-summary':
      return 'Sync finished';
    case 'doctor':
      return describeDoctorTitle(reply);
    case 'admin-access':
      return reply.title;
    case 'text':
      return reply.text;
    case 'approval-request':
      return reply.note ?? describeRequestHeading(reply.request);
    case 'approval-requests':
      return reply.title;
    case 'licences':
      return describeLicencesHeading(reply);
    case 'preview':
      return describePreviewHeading(reply);
  }
}
