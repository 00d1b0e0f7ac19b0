/**
 * The YAML config file of design.md §4: plans, customers, access. Validated as a whole before anything is
 * loaded, so a bad file changes nothing; every problem names the key, the value and what is allowed.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { validate as isValidCron } from 'node-cron';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { readIdentity } from '../common/identity';
import { withDefined } from '../core/commands/grammar';
import { idPattern, skuPattern, tenantIdPattern } from '../core/identifiers';
import type { OffboardPreset } from '../core/offboarding/presets';
import { type CustomerPlan, type DiscrepancyKind, discrepancyKinds, type Plan, type Role, roles } from '../store/types';
import { ConfigError } from './config-error';
import { offboardCustomerSchema, offboardPresetsSchema, readOffboardPresets } from './offboard-config';
import { checkPlanTemplate, domainSchema, planTemplateFields } from './plan-template-config';

const id = z.string().regex(idPattern, 'an id of lowercase letters, digits and dashes, such as "business-premium"');

const planSchema = z.strictObject({
  id,
  name: z.string().min(1, 'a display name'),
  skus: z
    .array(z.string().regex(skuPattern, 'a skuPartNumber such as SPB or O365_BUSINESS_ESSENTIALS'))
    .min(1, 'at least one SKU'),
  disabledPlans: z.record(z.string(), z.array(z.string())).default({}),
  ...planTemplateFields,
});

const customerPlanSchema = z.strictObject({
  limit: z.number().int('a whole number').min(0, 'zero or more').optional(),
  domain: domainSchema.optional(),
});

const customerSchema = z.strictObject({
  id,
  name: z.string().min(1, 'a display name'),
  tenantId: z
    .string()
    .regex(tenantIdPattern, 'a tenant id GUID such as 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60')
    .optional(),
  plans: z.record(z.string(), z.union([customerPlanSchema, z.null()])).default({}),
  adminRole: z.string().min(1).optional(),
  offboard: offboardCustomerSchema.optional(),
  syncPolicy: z
    .strictObject({
      schedule: z
        .string()
        .refine((value) => isValidCron(value), 'a cron expression such as "*/15 * * * *"')
        .optional(),
      autoApprove: z
        .array(
          z.enum(discrepancyKinds as [DiscrepancyKind, ...DiscrepancyKind[]], {
            message: `one of ${discrepancyKinds.join(', ')}`,
          }),
        )
        .default([]),
    })
    .default({ autoApprove: [] }),
});

export interface ReadOptions {
  /** SLACK_TEAM_ID: the workspace a bare `slack:<user_id>` belongs to; without it a bare one is refused. */
  slackTeamId?: string;
}

function identityList(options: ReadOptions) {
  const identity = z.string().transform((value, context) => {
    const reading = readIdentity(value, options);
    if (reading.ok) return reading.identity;
    context.addIssue({ code: 'custom', message: reading.mustBe });
    return z.NEVER;
  });
  return z.array(identity).default([]);
}

function fileSchemaFor(options: ReadOptions) {
  const identities = identityList(options);
  return z.strictObject({
    plans: z.array(planSchema).default([]),
    customers: z.array(customerSchema).default([]),
    offboardPresets: offboardPresetsSchema,
    access: z.strictObject({ admins: identities, approvers: identities, helpdesk: identities }).default({
      admins: [],
      approvers: [],
      helpdesk: [],
    }),
  });
}

type FileContents = z.infer<ReturnType<typeof fileSchemaFor>>;

export interface ConfigFile {
  /** How the start-up log names the file: "m365ops.yaml". */
  name: string;
  plans: Omit<Plan, 'createdAt' | 'updatedAt'>[];
  customers: {
    id: string;
    name: string;
    tenantId?: string;
    plans: CustomerPlan[];
    adminRole?: string;
    syncPolicy: { schedule?: string; autoApprove: DiscrepancyKind[] };
    /** `offboard.defaults` and `offboard.externalForwarding`, when declared. */
    offboardDefaults?: string[];
    externalForwarding?: 'allow' | 'deny';
  }[];
  /** Declared presets; undefined when the file has no offboardPresets key (the stored ones are kept). */
  offboardPresets?: OffboardPreset[];
  access: { identity: string; role: Role }[];
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let current = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** `source` names the file in errors ("The config file /etc/m365ops.yaml"), `name` in the start-up log. */
export function parseConfigFile(
  text: string,
  source = 'the config file',
  options: ReadOptions & { name?: string } = {},
): ConfigFile {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError(`${source} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = fileSchemaFor({ slackTeamId: options.slackTeamId }).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = formatPath(issue.path);
      if (issue.code === 'unrecognized_keys') {
        const where = key ? ` in ${key}` : '';
        return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${where}`;
      }
      const value = valueAt(raw, issue.path);
      return `${key || '(top level)'} is ${value === undefined ? 'missing' : JSON.stringify(value)}, but it must be ${issue.message}`;
    });
    throw new ConfigError(`${source} has ${problems.length === 1 ? 'a problem' : 'problems'}: ${problems.join('; ')}.`);
  }
  const file = parsed.data;
  checkReferences(file, source);
  return {
    name: options.name ?? source,
    plans: file.plans.map((plan) => withDefined(plan)),
    customers: file.customers.map((customer) => ({
      id: customer.id,
      name: customer.name,
      tenantId: customer.tenantId?.toLowerCase(),
      adminRole: customer.adminRole,
      plans: Object.entries(customer.plans).map(([planId, options]) =>
        withDefined({ planId, limit: options?.limit, domain: options?.domain }),
      ),
      syncPolicy: customer.syncPolicy,
      ...(customer.offboard?.defaults ? { offboardDefaults: customer.offboard.defaults } : {}),
      ...(customer.offboard?.externalForwarding ? { externalForwarding: customer.offboard.externalForwarding } : {}),
    })),
    ...(file.offboardPresets ? { offboardPresets: readOffboardPresets(file.offboardPresets) } : {}),
    access: roles.flatMap((role) => {
      const key = role === 'admin' ? 'admins' : role === 'approver' ? 'approvers' : 'helpdesk';
      return [...new Set(file.access[key])].map((identity) => ({ identity, role }));
    }),
  };
}

function checkReferences(file: FileContents, source: string): void {
  const problems: string[] = [];
  const planIds = file.plans.map((plan) => plan.id);
  const duplicates = (ids: string[]) => ids.filter((value, index) => ids.indexOf(value) !== index);
  for (const dup of new Set(duplicates(planIds))) problems.push(`plan "${dup}" is declared more than once`);
  problems.push(...file.plans.flatMap(checkPlanTemplate));
  for (const dup of new Set(duplicates(file.customers.map((c) => c.id))))
    problems.push(`customer "${dup}" is declared more than once`);
  const tenantIds = file.customers.flatMap((c) => (c.tenantId ? [c.tenantId.toLowerCase()] : []));
  for (const dup of new Set(duplicates(tenantIds))) problems.push(`tenant ${dup} is given to more than one customer`);
  file.customers.forEach((customer, index) => {
    for (const planId of Object.keys(customer.plans)) {
      if (!planIds.includes(planId)) {
        const known = planIds.length ? planIds.join(', ') : 'none are declared';
        problems.push(
          `customers[${index}].plans names plan "${planId}", which is not declared in plans (declared: ${known})`,
        );
      }
    }
  });
  if (problems.length > 0) {
    throw new ConfigError(`${source} has ${problems.length === 1 ? 'a problem' : 'problems'}: ${problems.join('; ')}.`);
  }
}

export function readConfigFile(path: string, options: ReadOptions = {}): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`The config file ${path} cannot be read: ${(error as Error).message}`);
  }
  return parseConfigFile(text, `The config file ${path}`, { ...options, name: basename(path) });
}
