/**
 * Named offboarding presets (design §9: `offboard <upn> preset <name>`), declared in the YAML's `offboardPresets`
 * and kept in the store's settings as one list, so every replica reads the same ones.
 */
import type { SettingRepo } from '../../store/ports';
import { fail } from '../errors';
import { isOffboardOption, type OffboardChoice, orderOptions } from './options';

export interface OffboardPreset extends OffboardChoice {
  id: string;
  /** What the preset is for, in a few words. */
  description?: string;
}

export const presetsSettingKey = 'offboard-presets';

export async function listPresets(settings: SettingRepo): Promise<OffboardPreset[]> {
  const stored = await settings.get(presetsSettingKey);
  if (!stored) return [];
  const presets = JSON.parse(stored) as OffboardPreset[];
  return presets.map((preset) => ({ ...preset, options: orderOptions(preset.options.filter(isOffboardOption)) }));
}

export async function savePresets(settings: SettingRepo, presets: readonly OffboardPreset[]): Promise<void> {
  await settings.set(presetsSettingKey, JSON.stringify(presets));
}

/** The preset named `id`, or a refusal listing the presets there are. */
export async function findPreset(settings: SettingRepo, id: string): Promise<OffboardPreset> {
  const presets = await listPresets(settings);
  const preset = presets.find((candidate) => candidate.id === id.toLowerCase());
  if (preset) return preset;
  const known =
    presets.length > 0
      ? `The presets are: ${presets.map((candidate) => candidate.id).join(', ')}.`
      : 'None are declared: add them under offboardPresets in the config file, or name the options instead.';
  throw fail('unknown-preset', `There is no offboarding preset "${id}". ${known}`, {
    suggestions: presets.map((candidate) => candidate.id),
  });
}
