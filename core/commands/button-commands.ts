/**
 * The only Commands a `run` button may carry, with their exact shapes, derived from the specs marked `button`.
 * Button data comes back from the client (and can be forged), so it is parsed strictly: an unknown name or an
 * extra key is refused, never trusted. Configuration commands (customers, plans, access, policy, notify here) are
 * not buttons.
 */
import { z } from 'zod';
import { type DiscrepancyKind, discrepancyKinds } from '../../store/types';
import { inputLimits } from '../input-limits';
import { offboardOptionNames } from '../offboarding/options';
import type { Command } from '../request';
import type { CommandSpec } from './command-spec';
import { orderedSpecs } from './index';

// Bounded, single-line words: ids and addresses as the handlers know them.
const word = z
  .string()
  .min(1)
  .max(320)
  .regex(/^[^\s\p{Cc}]+$/u);

const valueSchemas = {
  word,
  flag: z.boolean(),
  rest: z.string().max(100),
  duration: z
    .number()
    .int()
    .min(1)
    .max(366 * 24 * 60),
  reason: z.string().min(1).max(inputLimits.reason),
  page: z.number().int().min(1).max(9999),
  kind: z.enum(discrepancyKinds as [DiscrepancyKind, ...DiscrepancyKind[]]),
  message: z.string().min(1).max(inputLimits.autoReply),
  'date-time': z.string().regex(/^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$/),
} as const;

/** Fields a command holds beyond its grammar's keys: the options an offboarding's flags become. */
const extraFields: Record<string, Record<string, z.ZodType>> = {
  offboard: { options: z.array(z.enum(offboardOptionNames)).max(offboardOptionNames.length) },
};

/** The strict shape of one button command: its argument and option keys, required where the grammar says so. */
function buttonSchema(spec: CommandSpec) {
  const text = spec.text;
  if (!text) throw new Error(`The ${spec.name} button has no grammar to derive its shape from.`);
  const fields: Record<string, { schema: z.ZodType; required: boolean }> = {};
  const add = (key: string, kind: string, required: boolean) => {
    const schema =
      kind === 'flag' ||
      kind === 'rest' ||
      kind === 'duration' ||
      kind === 'reason' ||
      kind === 'page' ||
      kind === 'kind' ||
      kind === 'message' ||
      kind === 'date-time'
        ? valueSchemas[kind]
        : singleWord(spec.name, kind);
    const known = fields[key];
    fields[key] = { schema, required: required || (known?.required ?? false) };
  };
  for (const argument of text.arguments) add(argument.key, argument.kind, !argument.optional);
  for (const option of text.options) add(option.key, option.kind, option.required === true);
  const shape: Record<string, z.ZodType> = { name: z.literal(spec.name), ...extraFields[spec.name] };
  for (const [key, field] of Object.entries(fields))
    shape[key] = field.required ? field.schema : field.schema.optional();
  if (spec.confirms) shape.confirmed = z.boolean().optional();
  return z.strictObject(shape);
}

/** Lists and counts are not carried by buttons today; a spec asking for one fails loudly at load. */
function singleWord(name: string, kind: string): z.ZodType {
  if (kind === 'number' || kind === 'skus' || kind === 'kinds') {
    throw new Error(`No button may carry ${kind} (the ${name} command).`);
  }
  return valueSchemas.word;
}

const buttonSchemas = new Map(
  orderedSpecs.filter((spec) => spec.button).map((spec) => [spec.name as string, buttonSchema(spec)]),
);

export const buttonCommandNames: readonly string[] = [...buttonSchemas.keys()];

export function isButtonCommandName(name: string): boolean {
  return buttonSchemas.has(name);
}

/** The Command a button carried, or null when the data is not exactly one a button may carry. */
export function parseButtonCommand(value: unknown): Command | null {
  const name = (value as { name?: unknown } | null)?.name;
  const schema = typeof name === 'string' ? buttonSchemas.get(name) : undefined;
  const parsed = schema?.safeParse(value);
  return parsed?.success ? withoutUndefined(parsed.data) : null;
}

function withoutUndefined(command: Record<string, unknown>): Command {
  return Object.fromEntries(Object.entries(command).filter(([, v]) => v !== undefined)) as Command;
}
