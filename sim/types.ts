import type { SimLifecycleControl } from './lifecycle-types';

export type * from './lifecycle-types';

/**
 * The public face of the local Microsoft 365 simulator: how to start it, what it answers with, and the "admin
 * portal" (SimControl) that tests and the demo use to change tenants behind m365ops's back.
 */

/** A licence as Graph shows it on a user. */
export interface SimAssignedLicense {
  skuId: string;
  disabledPlans: string[];
}

/** How the token endpoint treats a tenant: never consented (no service principal), consented, or consented without roles. */
export type SimConsentState = 'none' | 'granted' | 'no-roles';

export interface SeedDomain {
  name: string;
  verified?: boolean;
  default?: boolean;
  initial?: boolean;
}

export interface SeedSku {
  /** A part number known to the built-in catalog (SPB, O365_BUSINESS_ESSENTIALS, EXCHANGESTANDARD, O365_BUSINESS_PREMIUM, …). */
  partNumber: string;
  /** Defaults to the catalog's real skuId. */
  skuId?: string;
  /** prepaidUnits.enabled */
  units: number;
}

export interface SeedUser {
  /** Full UPN, or just the part before @ (then the tenant's default domain is used). */
  userPrincipalName: string;
  displayName: string;
  givenName?: string;
  surname?: string;
  jobTitle?: string;
  usageLocation?: string;
  accountEnabled?: boolean;
  /** SKU part numbers. */
  licenses?: string[];
  /** Directory role display names or template ids. */
  roles?: string[];
  /** Extra addresses besides the UPN, once the mailbox exists. */
  aliases?: string[];
  /** true: soft-deleted at start (in deleted items). */
  deleted?: boolean;
  /** The mailbox: `shared` makes a shared mailbox (sign-in blocked, no licence needed), `sizeMB` its size. */
  mailbox?: { shared?: boolean; sizeMB?: number; mobileDevices?: string[] };
}

export interface SeedGroup {
  displayName: string;
  /** 'security' (default), 'microsoft365', or Exchange's own (Graph cannot change their members): 'mail-security', 'distribution'. */
  kind?: 'security' | 'microsoft365' | 'mail-security' | 'distribution';
  description?: string;
  /** UPNs (or the part before @) of members, or 'all' for every active user of the tenant. */
  members?: string[] | 'all';
  owners?: string[];
  /** SKU part numbers the group hands its members (group-based licensing). */
  licenses?: string[];
}

export interface SeedTenant {
  id: string;
  displayName: string;
  consent?: SimConsentState;
  domains: SeedDomain[];
  skus?: SeedSku[];
  users?: SeedUser[];
  groups?: SeedGroup[];
  /** Extra users from "Given Surname" names (UPN given.surname@domain), each group with its licences. */
  generated?: { names: string[]; domain?: string; licenses?: string[]; usageLocation?: string }[];
}

export interface SimSeed {
  app?: { clientId?: string; clientSecret?: string; displayName?: string };
  tenants: SeedTenant[];
}

export type ThrottleCodeStyle = 'TooManyRequests' | 'Request_ThrottledTemporarily';

export interface SimFaults {
  /** Every Nth Graph/Exchange request (batch items included) answers 429. */
  throttleEvery?: number;
  /** Retry-After seconds on a 429 (fractional allowed). Default 0.05. */
  retryAfterSeconds?: number;
  throttleCode?: ThrottleCodeStyle;
  /** Share (0–1) of Graph/Exchange requests answered 503, drawn from a seeded RNG. */
  serviceUnavailableShare?: number;
  /** Seed of that RNG (default 1). */
  seed?: number;
  /** Added to every Graph/Exchange answer. */
  latencyMs?: number;
  /** Fail the Kth page (1 = the first) of a /users or /users/delta read, `times` times (default 1). */
  pageFailure?: { route: 'users' | 'users/delta'; page: number; status: 500 | 503; times?: number };
  /**
   * The next `times` (default 1) requests of `route`, named as requestCounts names them (`POST /v1.0/$batch`), are
   * carried out but their answer is lost: the connection drops before it is sent, so the caller cannot tell
   * whether they happened (a crash or a network failure between Microsoft acting and the caller hearing it).
   */
  lostAnswer?: { route: string; times?: number };
  /**
   * The next `times` (default 1) requests of a Graph `route`, named as requestCounts names them
   * (`DELETE /v1.0/groups/{id}/members/{id}/$ref`), fail before they run with this status and Graph error: a
   * service refusing one call (`400 Request_BadRequest "Cannot Update a mail-enabled security groups and or
   * distribution list."`). Counted as `<route> (fault)`.
   */
  routeFailure?: { route: string; status: number; code: string; message: string; times?: number };
}

/** A request that may change a tenant (not a read, a token or the control API), as the simulator received it. */
export interface SimLoggedRequest {
  /** As requestCounts names it; a `$batch`'s items are logged one by one as `<method> <url> (batch item)`. */
  route: string;
  method: string;
  path: string;
  /** The JSON body, when there is one. */
  body?: unknown;
}

/** How the simulator delivers change notifications (design: issue 14 item 4). */
export interface SimNotificationOptions {
  /** Before each notification is posted (Graph: typically seconds). Default 0. */
  delayMs?: number;
  /** Share (0–1) of notifications posted twice, drawn from a seeded RNG (Graph delivers at least once). Default 0. */
  duplicateShare?: number;
  seed?: number;
  /** Subscriptions per tenant (for this app) before creating one answers 403. Default 100. */
  quotaPerTenant?: number;
  /** How long an endpoint has to answer the validation handshake (Graph: 10 s). */
  validationTimeoutMs?: number;
  /** Further attempts when a notification is not accepted. Default 3. */
  retries?: number;
}

export interface SimSubscriptionView {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: string;
}

export interface SimulatorOptions {
  /** 0 = any free port; absent = the port saved in `stateFile` when free, else any free port. */
  port?: number;
  /**
   * A JSON file the simulator keeps its state in (tenants, users, deleted items, roles, licences, consent, port):
   * read at start instead of the seed when it exists, written atomically after changes and at close.
   */
  stateFile?: string;
  /** Told what the simulator could not do but went on without (its saved port taken, a failed save). */
  onWarning?: (message: string) => void;
  /** A seed object, or a path to a YAML/JSON seed file. Default: the demo seed (sim/seed/demo.yaml). */
  seed?: SimSeed | string;
  /** How long after an Exchange licence a mailbox appears. Default 60000. */
  mailboxDelayMs?: number;
  /** How long group-based licensing takes to give or take a group's licences after a change. Default 60000. */
  groupLicenseDelayMs?: number;
  /** Admin-consent redirect URIs registered on the app. Default http://localhost:3978/consent/callback. */
  redirectUris?: string[];
  /** Access token lifetime in seconds (default 3599). */
  tokenLifetimeSeconds?: number;
  faults?: SimFaults;
  /** Called with one line per answered request (method, path, status, ms). */
  onRequest?: (line: string) => void;
  /** Time source (default Date.now); lets tests move mailbox delays and token expiry. */
  now?: () => number;
  notifications?: SimNotificationOptions;
}

export interface SimUserView {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  accountEnabled: boolean;
  usageLocation: string | null;
  assignedLicenses: SimAssignedLicense[];
  proxyAddresses: string[];
  mailboxReady: boolean;
  deletedDateTime: string | null;
  /** When a password was last given (creation or reset). */
  lastPasswordChangeDateTime: string | null;
}

export interface SimSkuView {
  skuId: string;
  skuPartNumber: string;
  enabledUnits: number;
  consumedUnits: number;
  servicePlans: { servicePlanId: string; servicePlanName: string }[];
}

export interface NewSimUser {
  userPrincipalName: string;
  displayName?: string;
  givenName?: string;
  surname?: string;
  usageLocation?: string;
  accountEnabled?: boolean;
  /** skuIds or part numbers. */
  licenses?: string[];
}

/** Which form an expired delta token is answered in (both are real). */
export type DeltaExpiryAnswer = 'gone' | 'syncStateNotFound';

/**
 * The admin portal: changes made directly in a tenant, and inspection for assertions. Users are named by object
 * id or UPN; roles by display name or template id; SKUs by skuId or part number. Failures throw plain Errors.
 */
export interface SimControl extends SimLifecycleControl {
  addUser(tenantId: string, user: NewSimUser): SimUserView;
  deleteUser(tenantId: string, user: string): void;
  restoreUser(tenantId: string, user: string): SimUserView;
  purgeUser(tenantId: string, user: string): void;
  renameUpn(tenantId: string, user: string, newUpn: string): SimUserView;
  /** Replaces the user's licences with these SKUs. */
  setLicenses(tenantId: string, user: string, skus: string[]): SimUserView;
  grantRole(tenantId: string, user: string, role: string): void;
  revokeRole(tenantId: string, user: string, role: string): void;
  setDomainVerified(tenantId: string, domain: string, verified: boolean): void;
  setSkuUnits(tenantId: string, sku: string, units: number): void;
  makeMailboxReady(tenantId: string, user: string): SimUserView;
  /** Creates the service principal; `roles` false = consented without app roles. */
  grantConsent(tenantId: string, options?: { roles?: boolean }): void;
  revokeConsent(tenantId: string): void;
  /**
   * Takes one application permission the app asks for (`Domain.Read.All`, `Exchange.ManageAsApp`, …) out of the
   * tenant's consent, as an administrator removing it in the portal: later tokens lack it and Graph refuses what
   * needed it at once. Consenting again (grantConsent) grants it back.
   */
  removePermission(tenantId: string, permission: string): void;
  /** Delta tokens issued so far stop working, answered in the given form (default 'gone'). */
  expireDeltaTokens(tenantId: string, answer?: DeltaExpiryAnswer): void;
  /** Active or soft-deleted (then with deletedDateTime); null when unknown or purged. */
  getUser(tenantId: string, user: string): SimUserView | null;
  listUsers(tenantId: string): SimUserView[];
  listDeletedUsers(tenantId: string): SimUserView[];
  /** Object ids of the users holding the role (tenant-wide). */
  listRoleMembers(tenantId: string, role: string): string[];
  getSkus(tenantId: string): SimSkuView[];
  getConsent(tenantId: string): SimConsentState;
  setFaults(faults: SimFaults): void;
  clearFaults(): void;
  /** Requests by route, e.g. `GET /v1.0/users` or `POST /token`, since start or the last reset. */
  requestCounts(): Record<string, number>;
  /** Every request that may change a tenant, in order, with its body, since start or the last reset. */
  requestLog(): SimLoggedRequest[];
  /** Resets the counts and the log. */
  resetRequestCounts(): void;
  /** Change-notification subscriptions the tenant holds (live ones). */
  listSubscriptions(tenantId: string): SimSubscriptionView[];
  /** Sends a lifecycle notification for a subscription (`subscriptionRemoved` also removes it). */
  sendLifecycleEvent(
    tenantId: string,
    subscriptionId: string,
    event: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed',
  ): void;
  setNotificationOptions(options: SimNotificationOptions): void;
}

export interface RunningSimulator {
  /** Sign-in authority host: tenants are path segments (`<loginUrl>/<tenant>/oauth2/v2.0/token`). */
  loginUrl: string;
  /** Graph base: `<graphUrl>/v1.0/users`. */
  graphUrl: string;
  /** Exchange base: `<exchangeUrl>/adminapi/beta/<tenantId>/InvokeCommand`. */
  exchangeUrl: string;
  /** The simulator's CA certificate, written to a temporary file (for NODE_EXTRA_CA_CERTS). */
  caPath: string;
  caPem: string;
  clientId: string;
  clientSecret: string;
  tenants: { id: string; domains: string[] }[];
  control: SimControl;
  /** `POST <controlUrl>/<method>` with `{"args":[…]}` and header `x-sim-secret: <clientSecret>`. */
  controlUrl: string;
  close(): Promise<void>;
}
