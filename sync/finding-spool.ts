/**
 * Findings wait on disk until the whole tenant has been read: a failed or partial read must raise nothing, and
 * holding every finding of a large tenant in memory would not stay flat. One JSON line per finding, in a
 * private temporary file removed afterwards.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Finding } from './finding';

export interface FindingSpool {
  add(finding: Finding): Promise<void>;
  readonly count: number;
  /** Every finding added, in order; call once, after the last add. */
  drain(): AsyncIterable<Finding>;
  discard(): Promise<void>;
}

export async function openFindingSpool(): Promise<FindingSpool> {
  const dir = await mkdtemp(join(tmpdir(), 'm365ops-sync-'));
  const path = join(dir, 'findings.jsonl');
  const out: WriteStream = createWriteStream(path, { mode: 0o600 });
  let count = 0;
  let closed = false;

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    out.end();
    await once(out, 'close');
  }

  return {
    get count() {
      return count;
    },
    async add(finding) {
      count++;
      if (!out.write(`${JSON.stringify(finding)}\n`)) await once(out, 'drain');
    },
    async *drain() {
      await close();
      const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line) yield JSON.parse(line) as Finding;
      }
    },
    async discard() {
      await close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
