/**
 * One Reply of every kind, in every state a card can be in (form clean / with errors, discrepancy open / decided
 * / failed, …), for tests that render or deliver cards. The secret value is a marker tests search for.
 */
import { welcomeReply } from '../../cards/welcome';
import type { PreviewReply } from '../../core/preview/preview-view';
import type { DigestReply, DiscrepancyView, FormReply, Reply, ResultReply, UserListReply } from '../../core/reply';

/** `preview add user …`: its checks and writes (a display name with Markdown in it, shown as text). */
export const samplePreview: PreviewReply = {
  kind: 'preview',
  command: 'add user jane@contoso.com',
  outcome: 'run',
  summary: "Would create jane@contoso.com in Contoso Ltd's tenant on Microsoft 365 Business Premium.",
  checks: [
    { label: 'Customer', detail: 'Contoso Ltd (tenant 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60)', passed: true },
    { label: 'Plan', detail: 'Microsoft 365 Business Premium (SPB)', passed: true },
    { label: 'UPN', detail: 'jane@contoso.com is free', passed: true },
  ],
  writes: [
    {
      method: 'POST',
      path: '/users',
      fields: '{accountEnabled: true, displayName: *Jane* Doe, userPrincipalName: jane@contoso.com}',
      purpose: 'Create the user',
    },
    {
      method: 'POST',
      path: '/users/{new user id}/assignLicense',
      fields: '{addLicenses: [SPB], removeLicenses: []}',
      purpose: "Assign the plan's licences (same $batch)",
    },
  ],
  notes: ['Nothing was changed: this is a preview.'],
  customerId: 'contoso',
  customerName: 'Contoso Ltd',
};

export const sampleSecretValue = 'Tmp-Secret-4x9!Qz';

export const addUserResult: ResultReply = {
  kind: 'result',
  title: 'Added jane@contoso.com to Contoso Ltd',
  facts: [
    { label: 'User', value: 'jane@contoso.com' },
    { label: 'Plan', value: 'Microsoft 365 Business Premium' },
    { label: 'Admin access', value: 'no' },
  ],
  notes: ['The mailbox appears within minutes to hours; aliases are added when it does.'],
  customerId: 'contoso',
  customerName: 'Contoso Ltd',
  tenantId: '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60',
  auditId: 'aud_01',
  secret: { label: 'Temporary password for jane@contoso.com', value: sampleSecretValue },
};

export const addUserFormClean: FormReply = {
  kind: 'form',
  form: 'add-user',
  title: 'Add a user to Contoso Ltd',
  customerId: 'contoso',
  customerName: 'Contoso Ltd',
  values: {},
  choices: {
    customerId: [
      { value: 'contoso', title: 'Contoso Ltd' },
      { value: 'fabrikam', title: 'Fabrikam' },
    ],
    domain: [
      { value: 'contoso.com', title: 'contoso.com' },
      { value: 'contoso.onmicrosoft.com', title: 'contoso.onmicrosoft.com' },
    ],
    planId: [
      { value: 'business-premium', title: 'Microsoft 365 Business Premium (3 free)' },
      { value: 'basic', title: 'Microsoft 365 Business Basic (0 free)' },
    ],
    usageLocation: [
      { value: 'US', title: 'United States' },
      { value: 'GB', title: 'United Kingdom' },
    ],
  },
  errors: {},
  info: ['Free licences: Business Premium 3, Business Basic 0.'],
};

export const addUserFormWithErrors: FormReply = {
  ...addUserFormClean,
  values: {
    customerId: 'contoso',
    givenName: 'Jane',
    surname: 'Doe',
    displayName: 'Jane Doe',
    userName: 'jane doe',
    domain: 'contoso.org',
    planId: 'basic',
    usageLocation: 'US',
    admin: true,
    aliases: 'jd@contoso.com\njane.d@contoso.com',
  },
  errors: {
    userName: 'A user name cannot contain spaces; try jane.doe.',
    domain: 'contoso.org is not verified in the tenant; choose contoso.com.',
    planId: 'Business Basic has no free licences in the tenant; buy one or choose Business Premium.',
    form: 'The user was not created.',
  },
};

export const changePlanForm: FormReply = {
  kind: 'form',
  form: 'change-plan',
  title: 'Change a user’s plan',
  values: { upn: 'jane@contoso.com' },
  choices: { planId: [{ value: 'business-premium', title: 'Microsoft 365 Business Premium' }] },
  errors: {},
  info: [],
};

export const changePlanFormNoChoices: FormReply = {
  ...changePlanForm,
  choices: {},
  errors: { planId: 'Choose a plan enabled for the customer.' },
};

/** A remove-user form for a customer: the first users offered, the rest found by typing. */
export const removeUserForm: FormReply = {
  kind: 'form',
  form: 'remove-user',
  title: 'Remove a user at Contoso Ltd',
  customerId: 'contoso',
  customerName: 'Contoso Ltd',
  values: { customerId: 'contoso', delete: false },
  choices: {
    customerId: [
      { value: 'contoso', title: 'Contoso Ltd' },
      { value: 'fabrikam', title: 'Fabrikam' },
    ],
    upn: [
      { value: 'adele@contoso.com', title: 'Adele Vance (adele@contoso.com)' },
      { value: 'jane@contoso.com', title: 'Jane Doe (jane@contoso.com)' },
    ],
  },
  errors: { upn: 'Choose the user, or type their sign-in address, like jane.doe@contoso.com.' },
  info: [],
};

export const openDiscrepancy: DiscrepancyView = {
  id: 'd-1',
  customerId: 'contoso',
  customerName: 'Contoso Ltd',
  kind: 'admin-revoked',
  upn: 'adele@contoso.com',
  summary: 'Adele’s Global Administrator role was removed in the tenant.',
  expected: 'admin: yes',
  actual: 'admin: no',
  approveMeans: 'Record that Adele is no longer an admin.',
  revokeMeans: 'Give Adele the Global Administrator role again.',
  approveLabel: 'Accept removal',
  revokeLabel: 'Give admin back…',
  status: 'open',
};

export const approvedDiscrepancy: DiscrepancyView = {
  ...openDiscrepancy,
  status: 'approved',
  decision: 'approve',
  decidedBy: 'Megan Bowen',
  decidedAt: '2026-11-24T08:35:00.000Z',
  result: 'applied',
};

export const revokedDiscrepancy: DiscrepancyView = {
  ...openDiscrepancy,
  status: 'revoked',
  decision: 'revoke',
  decidedBy: 'Megan Bowen',
  decidedAt: '2026-11-24T08:36:00.000Z',
  result: 'applied',
};

export const failedRevokeDiscrepancy: DiscrepancyView = {
  ...openDiscrepancy,
  status: 'open',
  decision: 'revoke',
  decidedBy: 'Megan Bowen',
  decidedAt: '2026-11-24T08:37:00.000Z',
  result: 'failed: the tenant refused the role assignment (403)',
};

export const autoApprovedDiscrepancy: DiscrepancyView = {
  ...openDiscrepancy,
  kind: 'upn-changed',
  status: 'auto-approved',
  decidedAt: '2026-11-24T08:38:00.000Z',
  result: 'applied',
};

export function digestOf(items: DiscrepancyView[]): DigestReply {
  const counts = new Map<DiscrepancyView['kind'], { kind: DiscrepancyView['kind']; count: number; open: number }>();
  for (const item of items) {
    const entry = counts.get(item.kind) ?? { kind: item.kind, count: 0, open: 0 };
    entry.count++;
    if (item.status === 'open') entry.open++;
    counts.set(item.kind, entry);
  }
  return {
    kind: 'digest',
    customerId: 'contoso',
    customerName: 'Contoso Ltd',
    runId: 'run-42',
    counts: [...counts.values()],
    items,
  };
}

export function unmanagedUsers(count: number): DiscrepancyView[] {
  return Array.from({ length: count }, (_, i) => ({
    ...openDiscrepancy,
    id: `u-${i}`,
    kind: 'unmanaged-user' as const,
    upn: `user${i}@contoso.com`,
    summary: `user${i}@contoso.com holds Business Premium licences m365ops does not manage.`,
    approveMeans: 'Adopt the user under Business Premium.',
    revokeMeans: 'Remove the user’s licences.',
    approveLabel: 'Adopt under Business Premium',
    revokeLabel: 'Remove licences…',
  }));
}

export function userList(count: number): UserListReply {
  return {
    kind: 'users',
    customerId: 'contoso',
    customerName: 'Contoso Ltd',
    planNames: { 'business-premium': 'Microsoft 365 Business Premium' },
    users: Array.from({ length: count }, (_, i) => ({
      upn: `user${i}@contoso.com`,
      displayName: `User <${i}> & Co`,
      planId: i % 7 === 0 ? null : 'business-premium',
      admin: i % 10 === 0,
      status: i % 13 === 0 ? ('removed' as const) : ('active' as const),
      usageLocation: 'US',
      aliases: i % 5 === 0 ? [`alias${i}@contoso.com`] : [],
    })),
  };
}

/** What `doctor` reports with a customer that never consented and one missing a permission. */
export const doctorReport: Reply = {
  kind: 'doctor',
  summary: '2 problems, 1 warning',
  rows: [
    { status: 'ok', check: 'Store', sentence: 'The embedded store (DATA_DIR) answers.' },
    {
      status: 'warn',
      check: 'Teams',
      sentence: 'Dev mode: /api/messages takes anyone without authentication.',
      fix: 'Set MicrosoftAppId.',
    },
    {
      status: 'fail',
      check: 'Permissions',
      subject: 'fabrikam',
      sentence: 'Fabrikam Inc has not granted Domain.Read.All: finding the customer from a UPN *domain* stops working.',
      fix: 'Have its administrator consent again: `consent link fabrikam`.',
    },
    {
      status: 'fail',
      check: 'Consent',
      subject: 'northwind',
      sentence: 'Northwind Traders has not consented yet.',
      fix: 'Send a consent link: `consent link northwind`.',
    },
  ],
};

/** Every card the bot can send, by a name for test titles. */
export const sampleReplies: Record<string, Reply> = {
  'result with a secret': addUserResult,
  'result without extras': { kind: 'result', title: 'Synced', facts: [] },
  error: {
    kind: 'error',
    code: 'unknown-plan',
    message: 'There is no plan "premum"; choose one of the plans enabled for Contoso Ltd.',
    suggestions: ['business-premium', 'add user jane@contoso.com plan business-premium'],
  },
  'role refusal': {
    kind: 'error',
    code: 'forbidden',
    message: 'Granting admin access needs the approver role.',
    neededRole: 'approver',
  },
  cancelled: { kind: 'error', code: 'cancelled', message: 'Cancelled. Nothing was changed.' },
  'add-user form, clean': addUserFormClean,
  'add-user form, with errors': addUserFormWithErrors,
  'change-plan form': changePlanForm,
  'change-plan form, no choices': changePlanFormNoChoices,
  'remove-user form': removeUserForm,
  'confirm remove user': {
    kind: 'confirm',
    title: 'Remove jane@contoso.com?',
    summary: ['Removes her licences and blocks sign-in.', 'Deletes the user (restorable for 30 days).'],
    confirmCommand: {
      name: 'remove-user',
      upn: 'jane@contoso.com',
      delete: true,
      customerId: 'contoso',
      confirmed: true,
    },
    confirmLabel: 'Remove and delete',
  },
  'confirm revoke admin': {
    kind: 'confirm',
    title: 'Revoke admin access of adele@contoso.com?',
    summary: ['Removes the Global Administrator role.'],
    confirmCommand: { name: 'revoke-admin', upn: 'adele@contoso.com', confirmed: true },
    confirmLabel: 'Revoke admin',
  },
  users: userList(12),
  'users, empty': { ...userList(0) },
  status: {
    kind: 'status',
    customers: [
      {
        id: 'contoso',
        name: 'Contoso Ltd',
        tenantId: '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60',
        consent: 'granted',
        users: 48,
        openDiscrepancies: 2,
        lastSync: '2026-11-24T08:30:00.000Z',
        plans: [{ planId: 'business-premium', name: 'Business Premium', used: 20, limit: 25, freeLicences: 3 }],
        channel: '#contoso-ops',
      },
      { id: 'northwind', name: 'Northwind', consent: 'none', users: 0, openDiscrepancies: 0, plans: [] },
    ],
  },
  'status, no customers': { kind: 'status', customers: [] },
  plans: {
    kind: 'plans',
    customerId: 'contoso',
    plans: [
      {
        id: 'business-premium',
        name: 'Microsoft 365 Business Premium',
        skus: ['SPB'],
        limit: 25,
        used: 20,
        freeLicences: 3,
      },
      { id: 'basic', name: 'Microsoft 365 Business Basic', skus: ['O365_BUSINESS_ESSENTIALS'] },
    ],
  },
  'plans, none': { kind: 'plans', plans: [] },
  'consent link': {
    kind: 'consent-link',
    customerId: 'northwind',
    customerName: 'Northwind',
    url: 'https://login.microsoftonline.com/organizations/v2.0/adminconsent?client_id=abc&state=xyz&redirect_uri=http%3A%2F%2Flocalhost%3A3978%2Fconsent%2Fcallback',
    expiresAt: '2026-11-25T08:35:00.000Z',
    linkId: 'sample-link',
  },
  'consent link, answered': {
    kind: 'consent-link',
    customerId: 'northwind',
    customerName: 'Northwind',
    expiresAt: '2026-11-25T08:35:00.000Z',
    linkId: 'sample-link',
    outcome: { text: "Northwind's administrator declined consent (access_denied)", at: '2026-11-24T09:10:00.000Z' },
  },
  help: {
    kind: 'help',
    commands: [
      { usage: 'add user', description: 'Opens the add-user form.', example: 'add user', role: 'helpdesk' },
      {
        usage: 'grant admin <upn>',
        description: 'Gives the user admin access.',
        example: 'grant admin jane@contoso.com',
        role: 'approver',
      },
      {
        usage: 'customer add <id> "<name>" [tenant <tenantId>]',
        description: 'Adds a customer.',
        example: 'customer add contoso "Contoso Ltd"',
        role: 'admin',
      },
    ],
  },
  'discrepancy open': { kind: 'discrepancy', discrepancy: openDiscrepancy },
  'discrepancy decided approve': { kind: 'discrepancy', discrepancy: approvedDiscrepancy },
  'discrepancy decided revoke': { kind: 'discrepancy', discrepancy: revokedDiscrepancy },
  'discrepancy failed revoke': { kind: 'discrepancy', discrepancy: failedRevokeDiscrepancy },
  'discrepancy auto-approved': { kind: 'discrepancy', discrepancy: autoApprovedDiscrepancy },
  'discrepancy being applied': { kind: 'discrepancy', discrepancy: { ...openDiscrepancy, status: 'deciding' } },
  digest: digestOf([openDiscrepancy, approvedDiscrepancy, ...unmanagedUsers(3)]),
  'digest, large': digestOf(unmanagedUsers(120)),
  'sync summary': {
    kind: 'sync-summary',
    customers: [
      {
        customerId: 'contoso',
        customerName: 'Contoso Ltd',
        outcome: 'ok',
        found: 3,
        autoApproved: 1,
        posted: 2,
        resolved: 0,
        usersRead: 50,
      },
      {
        customerId: 'northwind',
        customerName: 'Northwind',
        outcome: 'failed',
        error: 'Northwind has not granted admin consent yet.',
        found: 0,
        autoApproved: 0,
        posted: 0,
        resolved: 0,
        usersRead: 0,
      },
    ],
  },
  'sync summary, nothing due': { kind: 'sync-summary', customers: [] },
  welcome: welcomeReply(),
  'doctor with problems': doctorReport,
  'doctor, all fine': {
    kind: 'doctor',
    summary: 'all 2 checks fine',
    rows: [
      { status: 'ok', check: 'Store', sentence: 'The embedded store (DATA_DIR) answers.' },
      { status: 'ok', check: 'Consent', subject: 'contoso', sentence: 'Proven now.' },
    ],
  },
  text: { kind: 'text', text: 'Contoso Ltd notifications now go to this channel.' },
  licences: {
    kind: 'licences',
    all: false,
    customers: [
      {
        customerId: 'contoso',
        customerName: 'Contoso Ltd',
        skus: [
          {
            partNumber: 'SPB',
            name: 'Microsoft 365 Business Premium',
            purchased: 5,
            assigned: 6,
            free: -1,
            byPlan: [{ planId: 'business-premium', planName: 'Microsoft 365 Business Premium', users: 4 }],
            unmanaged: 2,
          },
        ],
        plansAtLimit: ['business-premium: 4 of 4'],
        short: true,
      },
    ],
  },
  'licences all': {
    kind: 'licences',
    all: true,
    customers: [
      { customerId: 'contoso', customerName: 'Contoso Ltd', skus: [], plansAtLimit: [], short: false },
      {
        customerId: 'fabrikam',
        customerName: 'Fabrikam Inc',
        unreadable: 'Fabrikam Inc has no Microsoft 365 tenant yet.',
        skus: [],
        plansAtLimit: [],
        short: false,
      },
    ],
  },
  'result with a file': {
    kind: 'result',
    title: 'Licence report of Contoso Ltd for 2026-11',
    facts: [{ label: 'Seats', value: '1 seat held by 1 user' }],
    file: {
      name: 'licences-contoso-2026-11.csv',
      mediaType: 'text/csv',
      content:
        "customer,user,plan,SKUs,assigned since,removed on\r\ncontoso,\"'=cmd|' /C calc'!A0\",business-basic,,2026-11-02,\r\n",
    },
  },
  'preview that would run': samplePreview,
  'preview that would be refused': {
    ...samplePreview,
    outcome: 'refused',
    summary: 'Would be refused: No licences left: Contoso Ltd has 0 of 5 Microsoft 365 Business Premium licences free.',
    checks: samplePreview.checks.slice(0, 2),
    writes: [],
  },
};
