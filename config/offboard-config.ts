/**
 * The offboarding parts of the YAML (design §9): named presets at the top level, and per customer the options the
 * form opens with and whether mail may be forwarded outside the tenant.
 *
 * ```yaml
 * offboardPresets:
 *   - id: leaver
 *     description: Standard leaver
 *     options: [block-sign-in, revoke-sessions, convert-to-shared, remove-licences, remove-groups]
 *   - id: leaver-forward
 *     options: [block-sign-in, forward-to]
 *     forwardTo: helpdesk@contoso.com
 * customers:
 *   - id: contoso
 *     offboard: { defaults: [block-sign-in, revoke-sessions], externalForwarding: deny }
 * ```
 */
import { z } from 'zod';
import { idPattern } from '../core/identifiers';
import { offboardOptionNames, orderOptions, valuedOffboardOptions } from '../core/offboarding/options';
import type { OffboardPreset } from '../core/offboarding/presets';

const optionName = z.enum(offboardOptionNames, { message: `one of ${offboardOptionNames.join(', ')}` });
const defaultOption = optionName.refine(
  (name) => !valuedOffboardOptions.includes(name),
  `an option without a value (${valuedOffboardOptions.join(', ')} need one: put them in a preset)`,
);

export const offboardCustomerSchema = z.strictObject({
  defaults: z.array(defaultOption).optional(),
  externalForwarding: z.enum(['allow', 'deny'], { message: 'allow or deny' }).optional(),
});

const address = z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an address such as john@contoso.com');

const presetSchema = z
  .strictObject({
    id: z.string().regex(idPattern, 'a preset name of lowercase letters, digits and dashes, such as "leaver"'),
    description: z.string().min(1).optional(),
    options: z.array(optionName).min(1, 'at least one option'),
    forwardTo: address.optional(),
    keepCopy: z.boolean().optional(),
    grantMailbox: address.optional(),
    outOfOffice: z.string().min(1).max(2000).optional(),
  })
  .refine((preset) => !preset.options.includes('forward-to') || preset.forwardTo, {
    message: 'a forwardTo address, since its options include forward-to',
    path: ['forwardTo'],
  })
  .refine((preset) => !preset.options.includes('grant-mailbox') || preset.grantMailbox, {
    message: 'a grantMailbox address, since its options include grant-mailbox',
    path: ['grantMailbox'],
  })
  .refine((preset) => !preset.options.includes('out-of-office') || preset.outOfOffice, {
    message: 'an outOfOffice text, since its options include out-of-office',
    path: ['outOfOffice'],
  });

export const offboardPresetsSchema = z.array(presetSchema).optional();

export function readOffboardPresets(presets: z.infer<typeof presetSchema>[]): OffboardPreset[] {
  return presets.map((preset) => ({ ...preset, options: orderOptions(preset.options) }));
}
