#!/usr/bin/env node
/**
 * `npm run lint:layers`: dependency-cruiser checks the floors in .dependency-cruiser.cjs over the folders named on
 * the command line (those that do not exist yet are skipped). Exit code 0 when no rule of severity "error" is broken.
 *
 * It calls dependency-cruiser's own API (cruise, with its config and tsconfig readers) because the `depcruise`
 * command of dependency-cruiser 18 refuses to start on Node 20 (its engines say ^22||^24||>=26) and m365ops runs on
 * Node >= 20.19. The rules, the module resolution and the report are dependency-cruiser's; once the project is on
 * Node 22 this file can give way to `depcruise --config .dependency-cruiser.cjs <folders>`.
 *
 * Usage: node scripts/check-layers.mjs [--config <file>] <folder>...   (paths relative to the working directory)
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const args = process.argv.slice(2);
let configFile = '.dependency-cruiser.cjs';
const folders = [];
for (let index = 0; index < args.length; index += 1) {
  if (args[index] === '--config') configFile = args[++index];
  else folders.push(args[index]);
}

const existing = folders.filter((folder) => existsSync(folder));
if (existing.length === 0) {
  process.stderr.write(`check-layers: none of the folders exists: ${folders.join(' ')}\n`);
  process.exit(2);
}

const options = await extractDepcruiseOptions(resolve(configFile));
// The tsconfig the rules name, when the working directory has one (a fixture tree may not).
const tsConfigFile = options.tsConfig?.fileName;
const tsConfig = tsConfigFile && existsSync(tsConfigFile) ? extractTSConfig(tsConfigFile) : undefined;
if (!tsConfig) delete options.tsConfig;
const result = await cruise(existing, { ...options, outputType: 'err' }, {}, tsConfig ? { tsConfig } : {});
process.stdout.write(typeof result.output === 'string' ? result.output : JSON.stringify(result.output));
process.exitCode = result.exitCode;
