/**
 * Reads the repository's Dockerfile into stages of instructions, so tests can check what the image holds and run
 * what its last stage runs (its files, ENV, ENTRYPOINT, CMD and HEALTHCHECK) without a container engine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
}

export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

export const repoRoot = path.resolve(__dirname, '..', '..');

export function readDockerfile(file = path.join(repoRoot, 'Dockerfile')): Stage[] {
  const logical = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = instruction.args.split('=');
      args.set(name, value);
    } else if (instruction.keyword === 'FROM') {
      const [image = '', , name] = instruction.args.split(/\s+/);
      const from = image.replace(/\$\{(\w+)\}/g, (_, arg: string) => args.get(arg) ?? '');
      stages.push({ from, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The JSON array of an exec-form instruction (CMD ["node", "x.js"]), after any options (--interval=…). */
export function execForm(args: string): string[] {
  return JSON.parse(args.slice(args.indexOf('['))) as string[];
}

/** ENV a=b c=d (or ENV a b) as a map. */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.instructions.filter((i) => i.keyword === 'ENV')) {
    for (const pair of args.match(/\S+=("[^"]*"|\S+)/g) ?? []) {
      const at = pair.indexOf('=');
      env[pair.slice(0, at)] = pair.slice(at + 1).replace(/^"|"$/g, '');
    }
  }
  return env;
}

/** COPY --from=<stage> sources and destination of a stage. */
export function copiesFrom(stage: Stage, from: string): { sources: string[]; destination: string }[] {
  return stage.instructions
    .filter((i) => i.keyword === 'COPY' && i.args.startsWith(`--from=${from} `))
    .map((i) => {
      const parts = i.args.split(/\s+/).slice(1);
      return { sources: parts.slice(0, -1), destination: parts.at(-1)! };
    });
}
