import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { SimSeed } from '../types';

/** Reads a seed (YAML or JSON, checked against the seed's shape); the demo seed when none is named. */

const domainSchema = z.object({
  name: z.string().min(3),
  verified: z.boolean().optional(),
  default: z.boolean().optional(),
  initial: z.boolean().optional(),
});

const userSchema = z.object({
  userPrincipalName: z.string().min(1),
  displayName: z.string().min(1),
  givenName: z.string().optional(),
  surname: z.string().optional(),
  jobTitle: z.string().optional(),
  usageLocation: z.string().length(2).optional(),
  accountEnabled: z.boolean().optional(),
  licenses: z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
  aliases: z.array(z.string()).optional(),
  deleted: z.boolean().optional(),
  mailbox: z
    .object({
      shared: z.boolean().optional(),
      sizeMB: z.number().min(0).optional(),
      mobileDevices: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

const groupSchema = z.object({
  displayName: z.string().min(1),
  kind: z.enum(['security', 'microsoft365', 'mail-security', 'distribution']).optional(),
  description: z.string().optional(),
  members: z.union([z.literal('all'), z.array(z.string())]).optional(),
  owners: z.array(z.string()).optional(),
  licenses: z.array(z.string()).optional(),
});

const seedSchema = z.object({
  app: z
    .object({
      clientId: z.string().optional(),
      clientSecret: z.string().optional(),
      displayName: z.string().optional(),
    })
    .optional(),
  tenants: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
      displayName: z.string().min(1),
      consent: z.enum(['none', 'granted', 'no-roles']).optional(),
      domains: z.array(domainSchema).min(1),
      skus: z
        .array(z.object({ partNumber: z.string(), skuId: z.string().optional(), units: z.number().int().min(0) }))
        .optional(),
      users: z.array(userSchema).optional(),
      groups: z.array(groupSchema).optional(),
      generated: z
        .array(
          z.object({
            names: z.array(z.string().min(1)),
            domain: z.string().optional(),
            licenses: z.array(z.string()).optional(),
            usageLocation: z.string().length(2).optional(),
          }),
        )
        .optional(),
    }),
  ),
});

/** sim/seed/demo.yaml, found from the sources or from dist/ (the build does not copy YAML). */
export function demoSeedPath(): string {
  let directory = __dirname;
  for (let depth = 0; depth < 5; depth++) {
    const candidate = path.join(directory, 'sim', 'seed', 'demo.yaml');
    if (existsSync(candidate)) return candidate;
    const sibling = path.join(directory, 'demo.yaml');
    if (existsSync(sibling)) return sibling;
    directory = path.dirname(directory);
  }
  throw new Error('The simulator cannot find its demo seed sim/seed/demo.yaml.');
}

export function parseSeed(value: unknown, source: string): SimSeed {
  const result = seedSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `The simulator seed ${source} is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}.`,
    );
  }
  return result.data as SimSeed;
}

export function loadSeed(seed?: SimSeed | string): SimSeed {
  if (seed && typeof seed === 'object') return parseSeed(seed, '(object)');
  const file = seed ?? demoSeedPath();
  const text = readFileSync(file, 'utf8');
  const value: unknown = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  return parseSeed(value, file);
}
