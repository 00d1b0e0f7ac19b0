/**
 * What `preview <command>` answers (design §9): the checks the command makes, the writes it would send in order
 * (method, path and the fields, never their values when they are secret), and whether it would run, become a request
 * for an approver, or be refused and why. Nothing in it was done.
 */

/** One check the command makes before it writes, with what it found. */
export interface PreviewCheck {
  label: string;
  /** What was found: "Business Premium: 2 of 5 seats free". */
  detail: string;
  passed: boolean;
}

/** One write the command would send, in order: a Graph request, or an Exchange cmdlet. */
export interface PreviewWrite {
  /** `POST`, `PATCH`, `DELETE`, or `Exchange` for a cmdlet. */
  method: string;
  /** `/users/{id}/assignLicense`, or the cmdlet (`Set-Mailbox -Type Shared`). */
  path: string;
  /** The fields it sends: `{addLicenses: [SPB], removeLicenses: []}`. */
  fields?: string;
  /** Why, in words: "Assign the plan's licences". */
  purpose: string;
}

/** 'run': it would be done now; 'ask': a request for an approver; 'refused': it would be refused; 'nothing': no change. */
export type PreviewOutcome = 'run' | 'ask' | 'refused' | 'nothing';

export interface PreviewReply {
  kind: 'preview';
  /** The command previewed, as it reads: "add user jane@contoso.com plan business-premium". */
  command: string;
  outcome: PreviewOutcome;
  /** One sentence on the outcome: "Would create jane@contoso.com …", or the refusal as the command would say it. */
  summary: string;
  checks: PreviewCheck[];
  writes: PreviewWrite[];
  notes: string[];
  customerId?: string;
  customerName?: string;
}
