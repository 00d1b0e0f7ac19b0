/**
 * Runs a snippet of JavaScript in a separate plain Node process that can `require` our TypeScript sources (compiled
 * on load with @swc/core, as jest does), so that tests can kill a real process mid-write.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');

const registerTypeScript = `
const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformFileSync(filename, {
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
`;

/** Starts `node -e <code>` with TypeScript requires enabled; `args` arrive as process.argv.slice(1). */
export function spawnTsChild(code: string, args: string[] = []): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['-e', `${registerTypeScript}\n${code}`, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test' },
  });
}

/** Calls `onLine` for each complete stdout line until it returns true; resolves with every line read by then. */
export function readLinesUntil(
  child: ChildProcessWithoutNullStreams,
  onLine: (line: string, count: number) => boolean,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buffered = '';
    let stderr = '';
    let done = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (!done && onLine(line, lines.length)) {
          done = true;
          resolve(lines);
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (!done) reject(new Error(`child exited (${code ?? signal}) before the expected output; stderr: ${stderr}`));
    });
  });
}

/** Every complete stdout line the child printed, read until it exits. */
export function readAllLines(child: ChildProcessWithoutNullStreams, alreadyRead: string[]): Promise<string[]> {
  return new Promise((resolve) => {
    const lines = [...alreadyRead];
    let buffered = '';
    child.stdout.removeAllListeners('data');
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      lines.push(...parts);
    });
    child.on('close', () => resolve(lines));
  });
}
