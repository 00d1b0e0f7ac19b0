/** Runs the CLI (bot/cli/main.ts) as a child process from the TypeScript sources, as an operator would run it. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
const register = path.join(repoRoot, 'test/support/swc-register.js');
const cliMain = path.join(repoRoot, 'bot/cli/main.ts');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startCli(args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  return spawn(process.execPath, ['-r', register, cliMain, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, USER: process.env.USER, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function waitForCli(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function runCliProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return waitForCli(startCli(args, env));
}
