/** The status benchmark's load generator and answer sink in a child process (./load-child.ts). */
import { fork } from 'node:child_process';
import path from 'node:path';
import type { BenchTransport } from './status-requests';

export type LoadChildRequest = {
  kind: 'drive';
  serverUrl: string;
  transport: BenchTransport;
  rate: number;
  seconds: number;
  /** How long to wait for late answers after the last request was answered. */
  settleMs: number;
};

export interface DrivenLoad {
  total: number;
  failures: number;
  seconds: number;
  /** Each answer's key and the wall-clock millisecond it reached the sink. */
  answers: [string, number][];
}

export type LoadChildReply =
  | { kind: 'ready'; sinkUrl: string }
  | ({ kind: 'driven' } & DrivenLoad)
  | { kind: 'failed'; message: string };

export interface RemoteLoad {
  sinkUrl: string;
  drive(request: Omit<LoadChildRequest, 'kind'>): Promise<DrivenLoad>;
  close(): Promise<void>;
}

function nextReply(child: ReturnType<typeof fork>): Promise<LoadChildReply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The load process exited (${code}).`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as LoadChildReply);
    });
  });
}

export async function startRemoteLoad(): Promise<RemoteLoad> {
  const child = fork(path.join(__dirname, 'load-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await nextReply(child);
  if (ready.kind !== 'ready') {
    child.kill();
    throw new Error(`The load process did not start: ${ready.kind === 'failed' ? ready.message : ready.kind}`);
  }
  return {
    sinkUrl: ready.sinkUrl,
    async drive(request) {
      const answer = nextReply(child);
      child.send({ kind: 'drive', ...request } satisfies LoadChildRequest);
      const reply = await answer;
      if (reply.kind !== 'driven') throw new Error(`The load process failed: ${JSON.stringify(reply)}`);
      return reply;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
