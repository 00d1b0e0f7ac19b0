/** Runs the CLI (bot/cli/main.ts) as a child process from the TypeScript sources, as an operator would run it. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { RunningSimulator } from '../../sim/types';

export const repoRoot = path.resolve(__dirname, '../..');
const register = path.join(repoRoot, 'test/support/swc-register.js');
const cliMain = path.join(repoRoot, 'bot/cli/main.ts');

/**
 * The CLI's environment as an operator sets it after `npm run sim`: the simulator's app and URLs, its CA through
 * NODE_EXTRA_CA_CERTS, the demo configuration and a data directory of the test's own.
 */
export function cliEnvForSimulator(simulator: RunningSimulator, dataDir: string): Record<string, string> {
  return {
    M365_CLIENT_ID: simulator.clientId,
    M365_CLIENT_SECRET: simulator.clientSecret,
    M365_LOGIN_URL: simulator.loginUrl,
    M365_GRAPH_URL: simulator.graphUrl,
    M365_EXCHANGE_URL: simulator.exchangeUrl,
    NODE_EXTRA_CA_CERTS: simulator.caPath,
    M365OPS_CONFIG: path.join(repoRoot, 'm365ops.yaml'),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  };
}

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
