/**
 * Loads what the config file declares into the store. Admin chat commands edit the store afterwards, and those
 * edits must survive a restart: so a plan or customer is (re)applied only when it is new or has changed in the
 * file since it was last applied (a fingerprint per declaration is kept in the store's settings). Access is the
 * file's to give and take away (apply-access.ts).
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../common/logger';
import { savePresets } from '../core/offboarding/presets';
import type { Store } from '../store/ports';
import type { Plan } from '../store/types';
import { applyAccess } from './apply-access';
import type { ConfigFile } from './config-file';

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

async function changedSinceLastApplied(store: Store, key: string, declaration: unknown): Promise<boolean> {
  const print = fingerprint(declaration);
  const previous = await store.settings.get(key);
  if (previous === print) return false;
  await store.settings.set(key, print);
  return true;
}

const templateFields = ['groups', 'usernameFormat', 'domain', 'usageLocation', 'sharedMailboxes'] as const;

/** The declared plan, with the template fields it leaves out kept from the store (set in chat). */
function withChatTemplate<P extends Partial<Plan>>(declared: P, existing: Plan | null): P {
  if (!existing) return declared;
  const kept = templateFields.filter((field) => declared[field] === undefined && existing[field] !== undefined);
  return { ...declared, ...Object.fromEntries(kept.map((field) => [field, existing[field]])) };
}

export interface ApplyOutcome {
  plans: string[];
  customers: string[];
  /** `role:identity` given, and taken away because the file no longer declares it. */
  access: string[];
  revokedAccess: string[];
  /** Present when the file's offboarding presets were (re)applied. */
  offboardPresets?: string[];
}

export async function applyConfigFile(store: Store, file: ConfigFile, logger?: Logger): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { plans: [], customers: [], access: [], revokedAccess: [] };

  for (const plan of file.plans) {
    const existing = await store.plans.get(plan.id);
    if (existing && !(await changedSinceLastApplied(store, `config:plan:${plan.id}`, plan))) continue;
    if (!existing) await store.settings.set(`config:plan:${plan.id}`, fingerprint(plan));
    // Template fields the file does not declare keep what admins set in chat (`plan <id> groups …`).
    await store.plans.upsert(withChatTemplate(plan, existing));
    outcome.plans.push(plan.id);
  }

  for (const customer of file.customers) {
    const existing = await store.customers.get(customer.id);
    if (existing && !(await changedSinceLastApplied(store, `config:customer:${customer.id}`, customer))) continue;
    if (!existing) await store.settings.set(`config:customer:${customer.id}`, fingerprint(customer));
    const tenantId = customer.tenantId ?? existing?.tenantId;
    await store.customers.upsert({
      id: customer.id,
      name: customer.name,
      tenantId,
      plans: customer.plans,
      adminRole: customer.adminRole,
      syncPolicy: customer.syncPolicy,
      offboardDefaults: customer.offboardDefaults ?? existing?.offboardDefaults,
      externalForwarding: customer.externalForwarding ?? existing?.externalForwarding,
      // Set in chat only (`policy <customer> …`): a changed YAML entry keeps them.
      licenceDigest: existing?.licenceDigest,
      maxAdminMinutes: existing?.maxAdminMinutes,
      permanentAdmin: existing?.permanentAdmin,
      approvalEffects: existing?.approvalEffects,
      // Consent is learnt from the tenant, never declared: keep what we know.
      consent: existing?.consent ?? { status: tenantId ? 'unknown' : 'none' },
    });
    outcome.customers.push(customer.id);
  }

  if (file.offboardPresets && (await changedSinceLastApplied(store, 'config:offboard-presets', file.offboardPresets))) {
    await savePresets(store.settings, file.offboardPresets);
    outcome.offboardPresets = file.offboardPresets.map((preset) => preset.id);
  }

  const access = await applyAccess(store, file, logger);
  outcome.access = access.granted;
  outcome.revokedAccess = access.revoked;

  logger?.info({ applied: outcome }, 'config file applied');
  return outcome;
}
