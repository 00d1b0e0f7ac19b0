/**
 * `preview <command>` against the simulator: each preview says the checks and the writes in order, and proves it
 * wrote nothing: the simulator's request log holds only reads (GETs, and the token requests), and the embedded
 * store's files are byte for byte what they were.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreviewReply } from '../../core/preview/preview-view';
import type { Command, RequestContext } from '../../core/request';
import { approver, expectKind, helpdesk, stranger } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness } from './sim-harness';

/** Every file of the store's directory with a hash of its content. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return files;
}

describeWithSimulator('preview against the simulator', () => {
  let h: SimHarness;

  beforeEach(async () => {
    h = await startSimHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  /** Runs the preview and fails unless it read only: no write reached the simulator, the store is unchanged. */
  async function preview(command: Command, who: Partial<RequestContext> = helpdesk) {
    const before = await snapshot(h.dataDir);
    h.sim.control.resetRequestCounts();
    const reply = await h.run({ name: 'preview', command }, who);
    const writes = h.sim.control
      .requestLog()
      .filter((entry) => entry.method !== 'GET' && !entry.route.includes('token'));
    expect(writes).toEqual([]);
    expect(await snapshot(h.dataDir)).toEqual(before);
    return reply;
  }

  const requests = (reply: PreviewReply) => reply.writes.map((write) => `${write.method} ${write.path}`);

  async function addJane(admin = false) {
    const command: Command = {
      name: 'add-user',
      upn: 'jane@contoso.com',
      planId: 'business-premium',
      usageLocation: 'GB',
      admin,
      aliases: [],
      confirmed: true,
    };
    expectKind(await h.run(command, admin ? approver : helpdesk), 'result');
    return h.sim.control.getUser(contosoTenant, 'jane@contoso.com')!.id;
  }

  it('shows the create and the licence assignment of add user, in order', async () => {
    const reply = expectKind(
      await preview({
        name: 'add-user',
        upn: 'jane@contoso.com',
        planId: 'business-premium',
        usageLocation: 'GB',
        admin: false,
        aliases: ['j.doe@contoso.com'],
      }),
      'preview',
    );
    expect(reply.outcome).toBe('run');
    expect(reply.summary).toBe(
      "Would create jane@contoso.com in Contoso Ltd's tenant on Microsoft 365 Business Premium.",
    );
    expect(reply.checks.map((check) => check.label)).toEqual([
      'Role',
      'Customer',
      'Plan',
      'UPN',
      'Plan limit',
      'Seats',
    ]);
    expect(reply.checks[4]!.detail).toBe('0 of 3 users on Microsoft 365 Business Premium at Contoso Ltd');
    expect(reply.checks[0]!.detail).toBe('for the helpdesk role and above; you have the helpdesk role');
    expect(reply.checks.find((check) => check.label === 'Seats')?.detail).toBe('SPB: 4 of 5 free');
    expect(requests(reply)).toEqual([
      'POST /users',
      'POST /users/{new user id}/assignLicense',
      expect.stringMatching(/^Exchange Set-Mailbox -Identity jane@contoso.com -EmailAddresses/),
    ]);
    expect(reply.writes[0]!.fields).toContain('userPrincipalName: jane@contoso.com');
    expect(reply.writes[0]!.fields).toContain('usageLocation: GB');
    expect(reply.writes[1]!.fields).toBe('{addLicenses: [SPB], removeLicenses: []}');
    expect(h.sim.control.getUser(contosoTenant, 'jane@contoso.com')).toBeNull();
  });

  it('makes the UPN of add user "<name>" plan <plan> and joins the plan\'s groups', async () => {
    h.sim.control.createGroup(contosoTenant, { displayName: 'Sales' });
    await h.store.plans.update('business-basic', { usernameFormat: 'first.last', groups: ['Sales'] });
    const reply = expectKind(
      await preview({
        name: 'add-user-named',
        displayName: 'Jane Doe',
        planId: 'business-basic',
        usageLocation: 'GB',
        admin: false,
        aliases: [],
        customerId: 'contoso',
      }),
      'preview',
    );
    expect(reply.checks[1]).toMatchObject({
      label: 'Made UPN',
      detail: expect.stringContaining('jane.doe@contoso.com'),
    });
    expect(requests(reply)).toEqual([
      'POST /users',
      'POST /users/{new user id}/assignLicense',
      expect.stringMatching(/^POST \/groups\/[^/]+\/members\/\$ref$/),
    ]);
  });

  it("copies a managed user's groups for add user … like, as the command would", async () => {
    const id = await addJane();
    const sales = h.sim.control.createGroup(contosoTenant, { displayName: 'Sales' });
    h.sim.control.addGroupMember(contosoTenant, 'Sales', id);
    const reply = expectKind(
      await preview({ name: 'add-user-like', upn: 'john@contoso.com', like: 'jane@contoso.com' }),
      'preview',
    );
    expect(reply.checks[1]).toMatchObject({ label: 'Copied user', detail: expect.stringContaining('groups Sales') });
    expect(requests(reply)).toEqual([
      'POST /users',
      'POST /users/{new user id}/assignLicense',
      `POST /groups/${sales.id}/members/$ref`,
    ]);
  });

  it('makes the UPN of add user "<name>" like <upn> from the copied user\'s plan, then copies as the command would', async () => {
    const id = await addJane();
    const sales = h.sim.control.createGroup(contosoTenant, { displayName: 'Sales' });
    h.sim.control.addGroupMember(contosoTenant, 'Sales', id);
    await h.store.plans.update('business-premium', { usernameFormat: 'first.last' });
    const reply = expectKind(
      await preview({ name: 'add-user-named-like', displayName: 'John Roe', like: 'jane@contoso.com' }),
      'preview',
    );
    const checks = reply.checks.map((check) => `${check.label}: ${check.detail}`);
    expect(checks).toContainEqual(expect.stringMatching(/^Made UPN: john\.roe@contoso\.com from the plan's format/));
    expect(checks).toContainEqual(expect.stringContaining('groups Sales'));
    expect(requests(reply)).toEqual([
      'POST /users',
      'POST /users/{new user id}/assignLicense',
      `POST /groups/${sales.id}/members/$ref`,
    ]);
    expect(h.sim.control.getUser(contosoTenant, 'john.roe@contoso.com')).toBeNull();
  });

  it('says an existing user would be linked, and sends only what it lacks', async () => {
    const reply = expectKind(
      await preview({ name: 'add-user', upn: 'ed@contoso.com', planId: 'business-basic', admin: false, aliases: [] }),
      'preview',
    );
    expect(reply.summary).toMatch(/^Would link ed@contoso.com/);
    expect(reply.checks.find((check) => check.label === 'UPN')?.detail).toMatch(/would be linked/);
    expect(requests(reply)).toEqual([expect.stringMatching(/^POST \/users\/[^/]+\/assignLicense$/)]);
  });

  it('says a user m365ops manages already needs nothing more when it has its plan', async () => {
    await addJane();
    const reply = expectKind(
      await preview({
        name: 'add-user',
        upn: 'jane@contoso.com',
        planId: 'business-premium',
        admin: false,
        aliases: [],
      }),
      'preview',
    );
    expect(reply.summary).toBe(
      'Would bring jane@contoso.com, a user m365ops manages, in line with Microsoft 365 Business Premium.',
    );
    expect(reply.checks.find((check) => check.label === 'Seats')?.detail).toMatch(/^no new seat needed/);
    expect(reply.writes).toEqual([]);
  });

  it('shows what would be refused and why, with the checks that passed', async () => {
    h.sim.control.setSkuUnits(contosoTenant, 'SPB', 1);
    const reply = expectKind(
      await preview({
        name: 'add-user',
        upn: 'jane@contoso.com',
        planId: 'business-premium',
        usageLocation: 'GB',
        admin: false,
        aliases: [],
      }),
      'preview',
    );
    expect(reply.outcome).toBe('refused');
    expect(reply.summary).toMatch(/^Would be refused: No licences left: Contoso Ltd has 0 of 1/);
    expect(reply.checks.map((check) => check.label)).toEqual(['Role', 'Customer', 'Plan', 'UPN']);
    expect(reply.writes).toEqual([]);
  });

  it('shows the one licence switch of change plan', async () => {
    const id = await addJane();
    const reply = expectKind(
      await preview({ name: 'change-plan', upn: 'jane@contoso.com', planId: 'business-basic' }),
      'preview',
    );
    expect(requests(reply)).toEqual([`POST /users/${id}/assignLicense`]);
    expect(reply.writes[0]!.fields).toBe('{addLicenses: [O365_BUSINESS_ESSENTIALS], removeLicenses: [SPB]}');
    expect((await h.store.serviceUsers.get('contoso', id))?.planId).toBe('business-premium');
  });

  it('shows remove user with delete as licences off, sign-in blocked, then the delete', async () => {
    const id = await addJane();
    const reply = expectKind(
      await preview({ name: 'remove-user', upn: 'jane@contoso.com', delete: true }, approver),
      'preview',
    );
    expect(requests(reply)).toEqual([`POST /users/${id}/assignLicense`, `PATCH /users/${id}`, `DELETE /users/${id}`]);
    expect(h.sim.control.getUser(contosoTenant, id)?.accountEnabled).toBe(true);
  });

  it('shows grant admin to an approver as the role assignment it would add', async () => {
    const id = await addJane();
    const reply = expectKind(
      await preview({ name: 'grant-admin', upn: 'jane@contoso.com', durationMinutes: 120 }, approver),
      'preview',
    );
    expect(reply.outcome).toBe('run');
    expect(requests(reply)).toEqual(['POST /roleManagement/directory/roleAssignments']);
    expect(reply.writes[0]!.fields).toContain(`principalId: ${id}`);
  });

  it('previews helpdesk grant admin as the request it would become, asking nobody', async () => {
    await addJane();
    const withoutTime = expectKind(await preview({ name: 'grant-admin', upn: 'jane@contoso.com' }), 'preview');
    expect(withoutTime.summary).toMatch(/^Would be refused: Requests for admin access need a duration/);
    const timed = expectKind(
      await preview({ name: 'grant-admin', upn: 'jane@contoso.com', durationMinutes: 60 }),
      'preview',
    );
    expect(timed.outcome).toBe('refused');
    expect(timed.summary).toMatch(/No channel receives Contoso Ltd's requests/);
    expect(await h.store.requests.listOpen()).toEqual([]);
  });

  it('previews what the approval policy holds back as a request, once approvers have a channel', async () => {
    const id = await addJane();
    Object.assign(h.deps.settings, { approvalsChannels: { teams: '19:approvals@thread.tacv2' } });
    await h.store.customers.update('contoso', { approvalEffects: ['user-delete'] });
    const inChannel = { ...helpdesk, channelReference: { conversation: { id: '19:general@thread.tacv2' } } };
    const reply = expectKind(
      await preview({ name: 'remove-user', upn: 'jane@contoso.com', delete: true }, inChannel),
      'preview',
    );
    expect(reply.outcome).toBe('ask');
    expect(reply.checks[0]).toEqual({
      label: 'Role',
      detail:
        "the customer's approval policy holds it for an approver; you have the helpdesk role, so it would become a request",
      passed: true,
    });
    expect(reply.summary).toBe(
      'Would become a request for an approver; once approved, it would remove and delete jane@contoso.com.',
    );
    expect(requests(reply)).toEqual([`POST /users/${id}/assignLicense`, `PATCH /users/${id}`, `DELETE /users/${id}`]);
    expect(await h.store.requests.listOpen()).toEqual([]);
  });

  it('shows revoke admin as the role assignment it would remove', async () => {
    await addJane(true);
    const reply = expectKind(await preview({ name: 'revoke-admin', upn: 'jane@contoso.com' }), 'preview');
    expect(requests(reply)).toEqual(['DELETE /roleManagement/directory/roleAssignments/{assignment id}']);
  });

  it('shows offboarding with options as one write per step, in the order the steps run', async () => {
    const id = await addJane();
    const reply = expectKind(
      await preview({
        name: 'offboard',
        upn: 'jane@contoso.com',
        options: ['remove-licences', 'block-sign-in', 'forward-to', 'revoke-sessions'],
        forwardTo: 'ed@contoso.com',
        keepCopy: true,
      }),
      'preview',
    );
    expect(requests(reply)).toEqual([
      `PATCH /users/${id}`,
      `POST /users/${id}/revokeSignInSessions`,
      'Exchange Set-Mailbox -Identity jane@contoso.com -ForwardingSmtpAddress smtp:ed@contoso.com -DeliverToMailboxAndForward $true',
      `POST /users/${id}/assignLicense`,
    ]);
  });

  it("shows reset password as one PATCH, and refuses helpdesk an admin's as the command would", async () => {
    const id = await addJane();
    const reply = expectKind(await preview({ name: 'reset-password', upn: 'jane@contoso.com' }), 'preview');
    expect(requests(reply)).toEqual([`PATCH /users/${id}`]);
    expect(reply.writes[0]!.fields).toContain('a new temporary password');
    await addJane(true); // jane now holds the admin role
    const refused = expectKind(await preview({ name: 'reset-password', upn: 'jane@contoso.com' }), 'preview');
    expect(refused.summary).toMatch(/^Would be refused: Resetting an admin's password needs the approver role/);
  });

  it('refuses a preview as the command would be refused', async () => {
    const reply = expectKind(
      await preview({ name: 'customer-add', id: 'northwind', customerName: 'Northwind' }),
      'error',
    );
    expect(reply.message).toMatch(/needs the admin role \(you have the helpdesk role\)/);
    const none = expectKind(
      await preview({ name: 'change-plan', upn: 'a@contoso.com', planId: 'x' }, stranger),
      'error',
    );
    expect(none.code).toBe('forbidden');
  });

  it('names the commands it can preview for one it cannot', async () => {
    const reply = expectKind(await preview({ name: 'users', customerId: 'contoso' }), 'error');
    expect(reply.message).toMatch(/^`preview` describes the commands that change a user: `add user <upn>/);
  });
});
