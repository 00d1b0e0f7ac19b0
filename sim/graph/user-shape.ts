import { badRequest } from '../state/graph-fault';
import { licenseAssignmentStatesOf } from '../state/group-licensing';
import type { SimUser } from '../state/tenant-state';
import type { GraphJson } from './graph-types';
import { parseTop } from './page-tokens';

/** Which user properties exist, which are returned without `$select`, and a user as Graph writes it. */

export const defaultUserProperties = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

const storedProperties = new Set<string>([
  ...defaultUserProperties,
  'accountEnabled',
  'usageLocation',
  'assignedLicenses',
  'proxyAddresses',
  'otherMails',
  'mailNickname',
  'createdDateTime',
  'deletedDateTime',
  'lastPasswordChangeDateTime',
  'licenseAssignmentStates',
  'signInSessionsValidFromDateTime',
]);

/** Declared on microsoft.graph.user but not kept by the simulator: selectable, always null. */
const otherDeclaredProperties = new Set<string>([
  'aboutMe',
  'ageGroup',
  'city',
  'companyName',
  'country',
  'department',
  'employeeId',
  'employeeType',
  'faxNumber',
  'imAddresses',
  'onPremisesImmutableId',
  'onPremisesSyncEnabled',
  'postalCode',
  'state',
  'streetAddress',
  'userType',
  'assignedPlans',
  'provisionedPlans',
  'passwordPolicies',
  'showInAddressList',
  'creationType',
  'externalUserState',
]);

/** Properties a collection read cannot return (Graph answers 501). */
const singleObjectOnly = new Set([
  'aboutMe',
  'birthday',
  'hireDate',
  'interests',
  'mySite',
  'pastProjects',
  'preferredName',
  'responsibilities',
  'schools',
  'skills',
]);

export function isDeclaredUserProperty(name: string): boolean {
  return (
    storedProperties.has(name) ||
    otherDeclaredProperties.has(name) ||
    singleObjectOnly.has(name) ||
    name === 'passwordProfile'
  );
}

/** Parses `$select`; undefined when absent. Unknown names are refused like Graph does. */
export function parseUserSelect(value: string | null): string[] | undefined {
  if (value === null || value.trim() === '') return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!isDeclaredUserProperty(name) || name === 'passwordProfile') {
      throw badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.user'.`);
    }
  }
  return [...new Set(names)];
}

export function selectsSingleObjectOnly(select: string[] | undefined): string | undefined {
  return select?.find((name) => singleObjectOnly.has(name));
}

function propertyValue(user: SimUser, name: string): unknown {
  switch (name) {
    case 'assignedLicenses':
      return user.assignedLicenses.map((license) => ({
        disabledPlans: [...license.disabledPlans],
        skuId: license.skuId,
      }));
    case 'proxyAddresses':
      return [...user.proxyAddresses];
    case 'licenseAssignmentStates':
      return licenseAssignmentStatesOf(user);
    case 'otherMails':
      return [...user.otherMails];
    case 'businessPhones':
      return [...user.businessPhones];
    default:
      return storedProperties.has(name) ? ((user as unknown as Record<string, unknown>)[name] ?? null) : null;
  }
}

/** The user with the selected properties, or the default set. */
export function userJson(user: SimUser, select?: readonly string[]): GraphJson {
  const json: GraphJson = {};
  for (const name of select ?? defaultUserProperties) json[name] = propertyValue(user, name);
  return json;
}

/** The query of a user list's first page, which each `$skiptoken` after it carries on. */
export interface UserListQuery<K extends string> {
  k: K;
  select?: string[];
  filter?: string;
  top: number;
  after: string;
}

/** Reads `$select`, `$filter` and `$top` (default 100) of a user list's first request; `kind` tags its tokens. */
export function readUserListQuery<K extends string>(query: URLSearchParams, kind: K): UserListQuery<K> {
  return {
    k: kind,
    select: parseUserSelect(query.get('$select')),
    filter: query.get('$filter') ?? undefined,
    top: parseTop(query.get('$top'), 100),
    after: '',
  };
}
