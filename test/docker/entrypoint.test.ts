/** docker/entrypoint.sh: secrets given as files (<NAME>_FILE) become the variables m365ops reads. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/read-dockerfile';

const printEnv =
  'console.log(JSON.stringify({ secret: process.env.M365_CLIENT_SECRET ?? null, file: process.env.M365_CLIENT_SECRET_FILE ?? null, port: process.env.PORT ?? null }))';

function runEntrypoint(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('sh', [path.join(repoRoot, 'docker', 'entrypoint.sh'), process.execPath, '-e', printEnv], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function secretFile(content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'entrypoint-')), 'secret');
  writeFileSync(file, content);
  return file;
}

it('reads <NAME>_FILE into <NAME>, without the trailing newline, and unsets <NAME>_FILE', () => {
  const run = runEntrypoint({ M365_CLIENT_SECRET_FILE: secretFile('s3cret with spaces\n'), PORT: '3978' });
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({ secret: 's3cret with spaces', file: null, port: '3978' });
});

it('runs the command unchanged when no secret comes from a file', () => {
  const run = runEntrypoint({ M365_CLIENT_SECRET: 'from-env' });
  expect(JSON.parse(run.stdout)).toEqual({ secret: 'from-env', file: null, port: null });
});

it('refuses both <NAME> and <NAME>_FILE, and a file it cannot read, saying which', () => {
  const both = runEntrypoint({ M365_CLIENT_SECRET: 'x', M365_CLIENT_SECRET_FILE: secretFile('y') });
  expect(both.status).toBe(1);
  expect(both.stderr).toContain('both M365_CLIENT_SECRET and M365_CLIENT_SECRET_FILE are set; set only one of them.');
  const missing = runEntrypoint({ M365_CLIENT_SECRET_FILE: '/run/secrets/absent' });
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain('M365_CLIENT_SECRET_FILE is "/run/secrets/absent", but no readable file is there.');
  expect(missing.stdout).toBe('');
});
