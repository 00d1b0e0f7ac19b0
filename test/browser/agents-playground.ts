/**
 * Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`, Microsoft's local Teams client) as a child
 * process for browser tests, kept offline: no browser opened by it, no Application Insights telemetry (its
 * `--disable-telemetry` flag stops events but not the SDK's statsbeat, its Azure metadata probe or its exception
 * reports, so the SDK is switched off by its own environment settings too), its log and config lookups in a
 * temporary directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const cliPath = require.resolve('@microsoft/m365agentsplayground/cli.js');

/** Everything that keeps the playground's Application Insights SDK from calling out. */
const offlineEnv = {
  TEAMSAPPTESTER_BROWSER: 'none',
  APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: JSON.stringify({
    disableAppInsights: true,
    disableStatsbeat: true,
    enableAutoCollectHeartbeat: false,
  }),
};

export interface RunningPlayground {
  /** The page to open, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The serviceUrl its activities carry: its own Bot Connector stand-in. */
  serviceUrl: string;
  /** What it printed, for a failing test's message. */
  output(): string;
  close(): Promise<void>;
}

/** The serviceUrl the playground on `port` puts in its activities: its own Bot Connector. */
export function playgroundServiceUrl(port: number): string {
  return `http://127.0.0.1:${port}/_connector`;
}

/** Starts the playground against `appEndpoint` (…/api/messages) as a Teams client; resolves once it listens. */
export async function startAgentsPlayground(options: {
  appEndpoint: string;
  port: number;
  timeoutMs?: number;
}): Promise<RunningPlayground> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'm365ops-playground-'));
  const serviceUrl = playgroundServiceUrl(options.port);
  const child = spawn(
    process.execPath,
    [
      cliPath,
      ...['-e', options.appEndpoint, '-c', 'msteams', '-p', String(options.port)],
      ...['--service-url', serviceUrl, '--disable-telemetry'],
    ],
    {
      cwd: workDir,
      env: {
        ...process.env,
        ...offlineEnv,
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workDir, 'playground.log'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const close = async () => {
    await stopChild(child);
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const port = await waitForListening(child, () => output, options.timeoutMs ?? 20_000);
    if (port !== options.port) throw new Error(`The playground took port ${port}, not ${options.port}.`);
  } catch (error) {
    await close();
    throw error;
  }
  return { url: `http://127.0.0.1:${options.port}`, serviceUrl, output: () => output, close };
}

function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`The playground did not start in ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    );
    const onData = () => {
      const match = /Listening on (\d+)/.exec(output());
      if (match) finish(undefined, Number(match[1]));
    };
    const onExit = (code: number | null) => finish(new Error(`The playground exited (${code}):\n${output()}`));
    function finish(error?: Error, port?: number) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(port as number);
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
