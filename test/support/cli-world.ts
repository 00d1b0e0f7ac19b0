/** The CLI's tests' world: the simulator in this process, a temporary data directory, and the CLI's environment. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator } from '../../sim/index';
import type { RunningSimulator } from '../../sim/types';
import { cliEnvForSimulator } from './cli-process';

export interface CliWorld {
  simulator: RunningSimulator;
  dataDir: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startCliWorld(): Promise<CliWorld> {
  const simulator = await startSimulator();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-cli-'));
  return {
    simulator,
    dataDir,
    env: cliEnvForSimulator(simulator, dataDir),
    async close() {
      await simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
