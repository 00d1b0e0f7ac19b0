/** The repo's demo configuration (m365ops.yaml), copied into a test's own directory for createApp to read. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const demoConfigPath = path.resolve(__dirname, '..', '..', 'm365ops.yaml');

export interface ConfigAccess {
  admins: string[];
  approvers: string[];
  helpdesk: string[];
}

/**
 * Writes the demo configuration to `<dir>/m365ops.yaml` and answers that path. With `access`, its roles replace
 * the demo's; without, the demo's stand (tests then grant roles in the store, as an admin command would).
 */
export function writeDemoConfig(dir: string, access?: ConfigAccess): string {
  const config = YAML.parse(readFileSync(demoConfigPath, 'utf8'));
  if (access) config.access = access;
  const file = path.join(dir, 'm365ops.yaml');
  writeFileSync(file, YAML.stringify(config));
  return file;
}
