/**
 * How the gateway reads Microsoft's answers (the reference's captured payloads) through real MSAL and the Graph
 * SDK: sign-in errors, consent, roles, delta pages and Exchange.
 */
import { createM365Gateway } from '../../m365/index';
import type { M365Gateway } from '../../m365/types';
import {
  type ScriptedMicrosoft,
  scriptedMicrosoftGatewayOptions,
  startScriptedMicrosoft,
} from '../support/scripted-microsoft-stand-in';

const tenantId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
let microsoft: ScriptedMicrosoft;
let m365: M365Gateway;

beforeEach(async () => {
  microsoft = await startScriptedMicrosoft();
  m365 = createM365Gateway({
    ...scriptedMicrosoftGatewayOptions(microsoft),
    retry: { maxRetries: 2, maxDelayMs: 50 },
  });
});

afterEach(async () => {
  await microsoft.close();
});

const organization = {
  status: 200,
  body: {
    value: [{ id: tenantId, displayName: 'Fabrikam', verifiedDomains: [{ name: 'fabrikam.com', isDefault: true }] }],
  },
};

function graphError(status: number, code: string, message: string) {
  return {
    status,
    body: { error: { code, message, innerError: { date: '2025-01-06T12:25:59', 'request-id': 'r-1' } } },
  };
}

describe('sign-in', () => {
  it('reports a tenant that never consented (AADSTS7000229)', async () => {
    microsoft.scriptTokens(tenantId, {
      error: {
        status: 401,
        error: 'invalid_client',
        code: 7000229,
        description: `AADSTS7000229: The client application app-id is missing service principal in the tenant ${tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
      },
    });
    const error = await m365
      .forTenant(tenantId)
      .listSkus()
      .catch((e) => e);
    expect(error.code).toBe('consent-missing');
    expect(error.message).toBe(
      `The tenant ${tenantId} has not granted admin consent to m365ops yet; send its administrator a consent link (\`consent link <customer>\`).`,
    );
    expect(microsoft.requestsTo('GET', '/v1.0/subscribedSkus')).toHaveLength(0);
  });

  it('reports a wrong client secret (AADSTS7000215)', async () => {
    microsoft.scriptTokens(tenantId, {
      error: {
        status: 401,
        error: 'invalid_client',
        code: 7000215,
        description: 'AADSTS7000215: Invalid client secret provided.',
      },
    });
    const error = await m365.verifyConsent(tenantId).catch((e) => e);
    expect(error.code).toBe('bad-credentials');
  });

  it('reports an unknown tenant (AADSTS90002)', async () => {
    microsoft.scriptTokens(tenantId, {
      error: {
        status: 400,
        error: 'invalid_request',
        code: 90002,
        description: `AADSTS90002: Tenant '${tenantId}' not found.`,
      },
    });
    const error = await m365
      .forTenant(tenantId)
      .getOrganization()
      .catch((e) => e);
    expect(error.code).toBe('tenant-not-found');
  });

  it('asks for the token once and reuses it from the cache', async () => {
    microsoft.route('GET', '/v1.0/organization', () => organization);
    await m365.forTenant(tenantId).getOrganization();
    await m365.forTenant(tenantId).getOrganization();
    expect(microsoft.requestsTo('POST', `/${tenantId}/oauth2/v2.0/token`)).toHaveLength(1);
  });
});

describe('verifyConsent', () => {
  it('proves consent with the token roles and the organization', async () => {
    microsoft.scriptTokens(tenantId, { roles: ['User.ReadWrite.All', 'RoleManagement.ReadWrite.Directory'] });
    microsoft.route('GET', '/v1.0/organization', () => organization);
    await expect(m365.verifyConsent(tenantId)).resolves.toEqual({
      tenantId,
      roles: ['User.ReadWrite.All', 'RoleManagement.ReadWrite.Directory'],
      organization: {
        id: tenantId,
        displayName: 'Fabrikam',
        verifiedDomains: [{ name: 'fabrikam.com', isDefault: true, isInitial: false }],
      },
    });
  });

  it('refuses a token without roles as consent not granted', async () => {
    microsoft.scriptTokens(tenantId, { roles: [] });
    const error = await m365.verifyConsent(tenantId).catch((e) => e);
    expect(error.code).toBe('consent-missing');
    expect(error.message).toBe(
      `The tenant ${tenantId} knows m365ops but its administrator has not granted it any permission yet; send them a consent link.`,
    );
  });

  it('maps Graph refusing a token without roles (403) to missing consent', async () => {
    microsoft.scriptTokens(tenantId, { roles: [] });
    microsoft.route('GET', '/v1.0/users', () =>
      graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
    );
    const error = await m365
      .forTenant(tenantId)
      .getUser('jane@fabrikam.com')
      .catch((e) => e);
    expect(error.code).toBe('consent-missing');
    expect(error.details).toMatchObject({ status: 403, graphCode: 'Authorization_RequestDenied', requestId: 'r-1' });
  });
});

describe('roles', () => {
  const globalAdmin = '62e90394-69f5-4237-9190-012177145e10';

  it('resolves a role name through the role templates and lists tenant-wide members', async () => {
    microsoft.route('GET', '/v1.0/directoryRoleTemplates', () => ({
      status: 200,
      body: { value: [{ id: globalAdmin, displayName: 'Global Administrator' }] },
    }));
    microsoft.route('GET', '/v1.0/roleManagement/directory/roleAssignments', () => ({
      status: 200,
      body: {
        value: [
          { id: 'a1', roleDefinitionId: globalAdmin, principalId: 'u1', directoryScopeId: '/' },
          { id: 'a2', roleDefinitionId: globalAdmin, principalId: 'u2', directoryScopeId: '/administrativeUnits/x' },
        ],
      },
    }));
    await expect(m365.forTenant(tenantId).listRoleMembers('global administrator')).resolves.toEqual(['u1']);
    const [request] = microsoft.requestsTo('GET', '/v1.0/roleManagement/directory/roleAssignments');
    expect(decodeURIComponent(request?.url ?? '')).toContain(`$filter=roleDefinitionId eq '${globalAdmin}'`);
  });

  it('adds a member with a tenant-wide role assignment', async () => {
    microsoft.route('POST', '/v1.0/roleManagement/directory/roleAssignments', () => ({
      status: 201,
      body: { id: 'a3' },
    }));
    await m365.forTenant(tenantId).addRoleMember(globalAdmin, 'u1');
    const [request] = microsoft.requestsTo('POST', '/v1.0/roleManagement/directory/roleAssignments');
    expect(request?.body).toEqual({
      '@odata.type': '#microsoft.graph.unifiedRoleAssignment',
      roleDefinitionId: globalAdmin,
      principalId: 'u1',
      directoryScopeId: '/',
    });
  });

  it('reports a duplicate assignment as already a member', async () => {
    microsoft.route('POST', '/v1.0/roleManagement/directory/roleAssignments', () =>
      graphError(
        400,
        'Request_BadRequest',
        'A conflicting object with one or more of the specified property values is present in the directory.',
      ),
    );
    const error = await m365
      .forTenant(tenantId)
      .addRoleMember(globalAdmin, 'u1')
      .catch((e) => e);
    expect(error.code).toBe('already-member');
    expect(error.message).toBe(`The user u1 already holds the role ${globalAdmin} in tenant ${tenantId}.`);
  });

  it('reports removing a non-member as not a member, deleting nothing', async () => {
    microsoft.route('GET', '/v1.0/roleManagement/directory/roleAssignments', () => ({
      status: 200,
      body: { value: [] },
    }));
    const error = await m365
      .forTenant(tenantId)
      .removeRoleMember(globalAdmin, 'u1')
      .catch((e) => e);
    expect(error.code).toBe('not-member');
    expect(microsoft.requestsTo('DELETE', '/v1.0/roleManagement')).toHaveLength(0);
  });

  it('removes a member by deleting its assignment', async () => {
    microsoft.route('GET', '/v1.0/roleManagement/directory/roleAssignments', () => ({
      status: 200,
      body: { value: [{ id: 'a1', roleDefinitionId: globalAdmin, principalId: 'u1', directoryScopeId: '/' }] },
    }));
    microsoft.route('DELETE', '/v1.0/roleManagement/directory/roleAssignments/a1', () => ({ status: 204 }));
    await m365.forTenant(tenantId).removeRoleMember(globalAdmin, 'u1');
    expect(microsoft.requestsTo('DELETE', '/v1.0/roleManagement/directory/roleAssignments/a1')).toHaveLength(1);
  });

  it('refuses a role name the tenant does not know', async () => {
    microsoft.route('GET', '/v1.0/directoryRoleTemplates', () => ({ status: 200, body: { value: [] } }));
    const error = await m365
      .forTenant(tenantId)
      .listRoleMembers('Chief Wizard')
      .catch((e) => e);
    expect(error.code).toBe('not-found');
  });
});

describe('delta', () => {
  it('yields changed users and removals, with the delta link on the last page', async () => {
    microsoft.route('GET', '/v1.0/users/delta?$select', () => ({
      status: 200,
      body: {
        value: [{ id: 'u1', userPrincipalName: 'a@fabrikam.com', assignedLicenses: [] }],
        '@odata.nextLink': `${microsoft.url}/v1.0/users/delta?$skiptoken=p2`,
      },
    }));
    microsoft.route('GET', '/v1.0/users/delta?$skiptoken=p2', () => ({
      status: 200,
      body: {
        value: [
          { id: 'u2', '@removed': { reason: 'changed' } },
          { id: 'u3', '@removed': { reason: 'deleted' } },
        ],
        '@odata.deltaLink': `${microsoft.url}/v1.0/users/delta?$deltatoken=d1`,
      },
    }));
    const pages = [];
    for await (const page of m365.forTenant(tenantId).readDelta(['userPrincipalName', 'assignedLicenses'])) {
      pages.push(page);
    }
    expect(pages).toEqual([
      {
        users: [
          { id: 'u1', userPrincipalName: 'a@fabrikam.com', displayName: '', assignedLicenses: [], proxyAddresses: [] },
        ],
        removed: [],
      },
      {
        users: [],
        removed: [
          { id: 'u2', reason: 'changed' },
          { id: 'u3', reason: 'deleted' },
        ],
        deltaLink: `${microsoft.url}/v1.0/users/delta?$deltatoken=d1`,
      },
    ]);
  });

  it('takes a delta link for now with $deltatoken=latest', async () => {
    microsoft.route('GET', '/v1.0/users/delta', () => ({
      status: 200,
      body: { value: [], '@odata.deltaLink': `${microsoft.url}/v1.0/users/delta?$deltatoken=now` },
    }));
    await expect(m365.forTenant(tenantId).latestDeltaLink(['id'])).resolves.toBe(
      `${microsoft.url}/v1.0/users/delta?$deltatoken=now`,
    );
    expect(microsoft.requests.at(-1)?.url).toContain('$deltatoken=latest');
  });

  it('maps syncStateNotFound to an expired delta', async () => {
    microsoft.route('GET', '/v1.0/users/delta', () =>
      graphError(400, 'syncStateNotFound', 'The sync state generation is not found. The delta token is expired.'),
    );
    const read = async () => {
      for await (const _ of m365
        .forTenant(tenantId)
        .readDelta(['id'], `${microsoft.url}/v1.0/users/delta?$deltatoken=old`)) {
        // reading every page
      }
    };
    await expect(read()).rejects.toMatchObject({ code: 'delta-expired' });
  });
});

describe('Exchange', () => {
  const invoke = `/adminapi/beta/${tenantId}/InvokeCommand`;
  const notFound = {
    status: 404,
    body: {
      error: {
        code: 'NotFound',
        message:
          "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'jane@fabrikam.com' couldn't be found on 'AM0PR01.PROD.OUTLOOK.COM'.",
      },
    },
  };

  it('reads a mailbox with Get-Mailbox and an Exchange token', async () => {
    microsoft.route('POST', invoke, () => ({
      status: 200,
      body: {
        value: [
          {
            Identity: 'jane',
            UserPrincipalName: 'jane@fabrikam.com',
            PrimarySmtpAddress: 'jane@fabrikam.com',
            EmailAddresses: ['SMTP:jane@fabrikam.com', 'smtp:jd@fabrikam.com'],
          },
        ],
      },
    }));
    await expect(m365.forTenant(tenantId).getMailbox('jane@fabrikam.com')).resolves.toEqual({
      userPrincipalName: 'jane@fabrikam.com',
      primarySmtpAddress: 'jane@fabrikam.com',
      emailAddresses: ['SMTP:jane@fabrikam.com', 'smtp:jd@fabrikam.com'],
    });
    const [request] = microsoft.requestsTo('POST', invoke);
    expect(request?.body).toEqual({
      CmdletInput: { CmdletName: 'Get-Mailbox', Parameters: { Identity: 'jane@fabrikam.com' } },
    });
    const token = String(request?.headers.authorization).split('.')[1] ?? '';
    expect(JSON.parse(Buffer.from(token, 'base64url').toString()).aud).toBe('https://outlook.office365.com');
  });

  it('answers null for a mailbox that does not exist yet', async () => {
    microsoft.route('POST', invoke, () => notFound);
    await expect(m365.forTenant(tenantId).getMailbox('jane@fabrikam.com')).resolves.toBeNull();
  });

  it('refuses to set addresses before the mailbox exists', async () => {
    microsoft.route('POST', invoke, () => notFound);
    const error = await m365
      .forTenant(tenantId)
      .setMailboxAddresses('jane@fabrikam.com', ['SMTP:jane@fabrikam.com', 'smtp:jd@fabrikam.com'])
      .catch((e) => e);
    expect(error.code).toBe('mailbox-not-ready');
    expect(error.message).toBe(
      'The mailbox of jane@fabrikam.com does not exist yet; Exchange creates it some time after a licence with Exchange is assigned, so try again later.',
    );
  });

  it('sends Set-Mailbox with the full address list', async () => {
    microsoft.route('POST', invoke, () => ({ status: 200, body: { value: [] } }));
    await m365
      .forTenant(tenantId)
      .setMailboxAddresses('jane@fabrikam.com', ['SMTP:jane@fabrikam.com', 'smtp:jd@fabrikam.com']);
    expect(microsoft.requestsTo('POST', invoke)[0]?.body).toEqual({
      CmdletInput: {
        CmdletName: 'Set-Mailbox',
        Parameters: {
          Identity: 'jane@fabrikam.com',
          EmailAddresses: ['SMTP:jane@fabrikam.com', 'smtp:jd@fabrikam.com'],
        },
      },
    });
  });
});
