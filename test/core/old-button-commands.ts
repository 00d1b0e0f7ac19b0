/**
 * The only Commands a `run` button may carry, with their exact shapes. Button data comes back from the client
 * (and can be forged), so it is parsed strictly: an unknown name or an extra key is refused, never trusted.
 * Configuration commands (customers, plans, access, policy, notify here) are deliberately absent.
 */
import { z } from 'zod';
import type { Command } from '../../core/request';

// Bounded, single-line words: ids and addresses as the handlers know them.
const word = z
  .string()
  .min(1)
  .max(320)
  .regex(/^[^\s\p{Cc}]+$/u);
const optionalWord = word.optional();

const buttonCommandSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('help'), topic: z.string().max(100).optional() }),
  z.strictObject({ name: z.literal('add-user-form'), customerId: optionalWord }),
  z.strictObject({ name: z.literal('change-plan-form'), upn: optionalWord, customerId: optionalWord }),
  z.strictObject({ name: z.literal('change-plan'), upn: word, planId: word, customerId: optionalWord }),
  z.strictObject({
    name: z.literal('revoke-admin'),
    upn: word,
    customerId: optionalWord,
    confirmed: z.boolean().optional(),
  }),
  z.strictObject({ name: z.literal('grant-admin'), upn: word, customerId: optionalWord }),
  z.strictObject({
    name: z.literal('remove-user'),
    upn: word,
    delete: z.boolean(),
    customerId: optionalWord,
    confirmed: z.boolean().optional(),
  }),
  z.strictObject({ name: z.literal('consent-link'), customerId: word }),
  z.strictObject({ name: z.literal('verify-consent'), customerId: word }),
  z.strictObject({ name: z.literal('sync'), customerId: optionalWord }),
  z.strictObject({ name: z.literal('users'), customerId: optionalWord }),
  z.strictObject({ name: z.literal('status'), customerId: optionalWord }),
  z.strictObject({ name: z.literal('plans'), customerId: optionalWord }),
]);

export type ButtonCommand = z.infer<typeof buttonCommandSchema>;

export const buttonCommandNames: readonly string[] = buttonCommandSchema.options.map(
  (option) => option.shape.name.value,
);

export function isButtonCommandName(name: string): boolean {
  return buttonCommandNames.includes(name);
}

/** The Command a button carried, or null when the data is not exactly one a button may carry. */
export function parseButtonCommand(value: unknown): Command | null {
  const parsed = buttonCommandSchema.safeParse(value);
  return parsed.success ? withoutUndefined(parsed.data) : null;
}

function withoutUndefined(command: ButtonCommand): Command {
  return Object.fromEntries(Object.entries(command).filter(([, v]) => v !== undefined)) as Command;
}
