/** The commands of a customer's admin consent: the link, its proof, and binding the tenant it proved. */
import type { CommandSpec } from './command-spec';
import { customerArgument, customerOption, text } from './grammar';

export const consentLink: CommandSpec<'consent-link'> = {
  name: 'consent-link',
  words: ['consent', 'link'],
  usage: 'consent link <customer>',
  description: "Makes an admin-consent link for the customer's Microsoft 365 administrator.",
  example: 'consent link northwind',
  listed: true,
  action: 'Making consent links',
  effects: ['consent'],
  button: true,
  text: {
    arguments: [customerArgument],
    options: [customerOption],
    build: (v) => ({ name: 'consent-link', customerId: text(v.customerId) }),
  },
};

export const verifyConsent: CommandSpec<'verify-consent'> = {
  name: 'verify-consent',
  words: ['verify', 'consent'],
  usage: 'verify consent <customer>',
  description: 'Proves the consent by signing in to the customer tenant.',
  example: 'verify consent northwind',
  listed: true,
  action: 'Verifying consent',
  effects: ['consent'],
  button: true,
  text: {
    arguments: [customerArgument],
    options: [customerOption],
    build: (v) => ({ name: 'verify-consent', customerId: text(v.customerId) }),
  },
};

export const confirmConsent: CommandSpec<'confirm-consent'> = {
  name: 'confirm-consent',
  words: ['confirm', 'consent'],
  usage: 'confirm consent <customer> <tenant>',
  description:
    'Binds the tenant a consent link proved to a customer that had none, once you have checked its organisation.',
  example: 'confirm consent northwind b3a1c2d4-8e9f-4a0b-9c1d-2e3f4a5b6c7d',
  listed: true,
  action: "Confirming a customer's tenant",
  effects: ['tenant-binding'],
  text: {
    arguments: [customerArgument, { key: 'tenantId', kind: 'tenant', label: 'the tenant id' }],
    options: [],
    build: (v) => ({ name: 'confirm-consent', customerId: text(v.customerId), tenantId: text(v.tenantId) }),
  },
};
