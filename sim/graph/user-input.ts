import { countryCodes } from '../state/country-codes';
import type { NewUserFields } from '../state/directory';
import { badRequest } from '../state/graph-fault';
import { isDeclaredUserProperty } from './user-shape';

/**
 * Checks a POST /users or PATCH /users/{id} body the way the directory does: undeclared and read-only
 * properties, types, required properties, UPN and mailNickname syntax, usage location and password complexity.
 */

const readOnlyProperties = new Set([
  'id',
  'proxyAddresses',
  'assignedLicenses',
  'createdDateTime',
  'deletedDateTime',
  'assignedPlans',
  'provisionedPlans',
  'creationType',
  'externalUserState',
  'lastPasswordChangeDateTime',
  'onPremisesSyncEnabled',
]);
const stringProperties = new Set([
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'mailNickname',
  'userPrincipalName',
  'usageLocation',
  'mail',
  'city',
  'companyName',
  'country',
  'department',
  'employeeId',
  'employeeType',
  'faxNumber',
  'postalCode',
  'state',
  'streetAddress',
  'userType',
  'ageGroup',
  'aboutMe',
  'onPremisesImmutableId',
  'passwordPolicies',
]);
const stringListProperties = new Set(['businessPhones', 'otherMails', 'imAddresses']);
const requiredOnCreate = ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName', 'passwordProfile'];

const upnLocalPart = /^[A-Za-z0-9'.\-_!#^~]+$/;
const mailNicknamePattern = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]{1,64}$/;

export interface PasswordProfile {
  password?: string;
  forceChangePasswordNextSignIn?: boolean;
  forceChangePasswordNextSignInWithMfa?: boolean;
}

function invalidValue(property: string): Error {
  return badRequest(`Invalid value specified for property '${property}' of resource 'User'.`);
}

function checkProperties(body: Record<string, unknown>): void {
  for (const name of Object.keys(body)) {
    if (name.startsWith('@odata.')) continue;
    if (!isDeclaredUserProperty(name)) {
      throw badRequest(`Property '${name}' does not exist as a declared property or extension property.`);
    }
    if (readOnlyProperties.has(name)) throw badRequest(`Property '${name}' is read-only and cannot be set.`);
  }
  for (const [name, value] of Object.entries(body)) {
    if (value === null) continue;
    if (stringProperties.has(name) && typeof value !== 'string') {
      throw badRequest(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.String'.`);
    }
    if (stringListProperties.has(name) && (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))) {
      throw invalidValue(name);
    }
    if (name === 'accountEnabled' && typeof value !== 'boolean') {
      throw badRequest(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.Boolean'.`);
    }
    if (name === 'passwordProfile' && (typeof value !== 'object' || Array.isArray(value))) throw invalidValue(name);
  }
  if (Array.isArray(body.businessPhones) && body.businessPhones.length > 1) throw invalidValue('businessPhones');
}

export function checkUpn(upn: string): void {
  const at = upn.indexOf('@');
  const local = upn.slice(0, at);
  const valid =
    at > 0 &&
    at === upn.lastIndexOf('@') &&
    local.length <= 64 &&
    upnLocalPart.test(local) &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..') &&
    /^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(upn.slice(at + 1));
  if (!valid) throw badRequest('Property userPrincipalName is invalid.');
}

function checkUsageLocation(value: unknown): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'string' || !countryCodes.has(value)) throw invalidValue('usageLocation');
}

/** Entra's default policy: 8–256 characters and three of upper case, lower case, digits and symbols. */
export function checkPassword(password: string): void {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (password.length < 8 || password.length > 256 || classes < 3) {
    throw badRequest(
      'The specified password does not comply with password complexity requirements. Please provide a different password.',
    );
  }
}

function checkPasswordProfile(profile: unknown): void {
  const password = (profile as PasswordProfile).password;
  if (typeof password !== 'string' || password === '') {
    throw badRequest('Property passwordProfile.password value is required but is empty or missing.');
  }
  checkPassword(password);
}

function asObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
  return body as Record<string, unknown>;
}

export function readNewUser(raw: unknown): NewUserFields {
  const body = asObject(raw);
  checkProperties(body);
  for (const name of requiredOnCreate) {
    const value = body[name];
    if (value === undefined || value === null || value === '') {
      throw badRequest(`Property ${name} value is required but is empty or missing.`);
    }
  }
  checkUsageLocation(body.usageLocation);
  checkUpn(body.userPrincipalName as string);
  if (!mailNicknamePattern.test(body.mailNickname as string)) throw invalidValue('mailNickname');
  checkPasswordProfile(body.passwordProfile);
  return {
    userPrincipalName: body.userPrincipalName as string,
    displayName: body.displayName as string,
    mailNickname: body.mailNickname as string,
    accountEnabled: body.accountEnabled as boolean,
    givenName: body.givenName as string | undefined,
    surname: body.surname as string | undefined,
    jobTitle: body.jobTitle as string | undefined,
    mobilePhone: body.mobilePhone as string | undefined,
    officeLocation: body.officeLocation as string | undefined,
    preferredLanguage: body.preferredLanguage as string | undefined,
    businessPhones: body.businessPhones as string[] | undefined,
    usageLocation: body.usageLocation as string | undefined,
    otherMails: body.otherMails as string[] | undefined,
    mail: body.mail as string | undefined,
  };
}

export interface UserPatch {
  fields: Record<string, unknown>;
  passwordProfile?: PasswordProfile;
}

export function readUserPatch(raw: unknown): UserPatch {
  const body = asObject(raw);
  checkProperties(body);
  for (const name of ['displayName', 'mailNickname', 'userPrincipalName', 'accountEnabled']) {
    if (name in body && (body[name] === null || body[name] === '')) {
      throw badRequest(`Property ${name} value is required but is empty or missing.`);
    }
  }
  if ('usageLocation' in body) checkUsageLocation(body.usageLocation);
  if (typeof body.userPrincipalName === 'string') checkUpn(body.userPrincipalName);
  if (typeof body.mailNickname === 'string' && !mailNicknamePattern.test(body.mailNickname))
    throw invalidValue('mailNickname');
  if (body.passwordProfile !== undefined && body.passwordProfile !== null) checkPasswordProfile(body.passwordProfile);
  const { passwordProfile, ...fields } = body;
  return { fields, passwordProfile: passwordProfile as PasswordProfile | undefined };
}
