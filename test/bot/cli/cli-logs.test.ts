import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCliLogger, exitCodes, runCli } from '../../../bot/cli/run-cli';

function capture() {
  const lines: string[] = [];
  return { lines, write: (text: string) => lines.push(text), text: () => lines.join('') };
}

describe("the CLI's logs", () => {
  it('are short sentences on stderr, the error without its stack', () => {
    const out = capture();
    const logger = createCliLogger(undefined, out.write);
    logger.info('not shown at the default level');
    logger.error({ err: new Error('the store is locked') }, 'the command failed');
    expect(out.text()).toBe('m365ops error: the command failed: the store is locked\n');
  });

  it('are JSON with stack traces only when LOG_LEVEL=debug', () => {
    const out = capture();
    const logger = createCliLogger('debug', out.write);
    logger.error({ err: new Error('the store is locked') }, 'the command failed');
    const entry = JSON.parse(out.text());
    expect(entry).toMatchObject({ msg: 'the command failed', err: { message: 'the store is locked' } });
    expect(entry.err.stack).toContain('Error: the store is locked');
  });

  it('keep a failed command to its sentence on the terminal', async () => {
    const stdout = capture();
    const stderr = capture();
    const code = await runCli(['users', 'contoso'], {
      env: {},
      stdout,
      stderr,
      open: async () => {
        throw new Error('DATA_DIR /nowhere cannot be opened.');
      },
    });
    expect(code).toBe(1);
    expect(stderr.text()).not.toMatch(/^\{/m);
    expect(stderr.text()).not.toContain('    at ');
    expect(stderr.text()).toBe(
      'm365ops error: the command failed: DATA_DIR /nowhere cannot be opened.\nSomething went wrong on our side; the details are in the log.\n',
    );
  });

  describe('with LOG_FILE', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'm365ops-cli-log-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('go to that file as JSON lines from info up, and not to the terminal', async () => {
      const file = path.join(dir, 'logs', 'cli.log');
      const stdout = capture();
      const stderr = capture();
      const code = await runCli(['users', 'contoso'], {
        env: { LOG_FILE: file },
        stdout,
        stderr,
        open: async (_env, logger) => {
          logger.info('opening the store');
          throw new Error('DATA_DIR /nowhere cannot be opened.');
        },
      });
      expect(code).toBe(exitCodes.failed);
      expect(stderr.text()).toBe('Something went wrong on our side; the details are in the log.\n');
      const entries = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(entries.map((entry) => entry.msg)).toEqual(['opening the store', 'the command failed']);
      expect(entries[1].err.stack).toContain('Error: DATA_DIR /nowhere cannot be opened.');
    });

    it('are appended to what the file holds', () => {
      const file = path.join(dir, 'cli.log');
      writeFileSync(file, '{"msg":"earlier"}\n');
      createCliLogger(undefined, () => undefined, file).warn('later');
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['earlier', 'later']);
    });

    it('refuse a file that cannot be written, saying so, before running anything', async () => {
      const stderr = capture();
      let opened = false;
      const code = await runCli(['users', 'contoso'], {
        env: { LOG_FILE: path.join(dir, 'missing', '\0bad') },
        stdout: capture(),
        stderr,
        open: async () => {
          opened = true;
          throw new Error('not reached');
        },
      });
      expect(code).toBe(exitCodes.badUsage);
      expect(opened).toBe(false);
      expect(stderr.text()).toMatch(/^LOG_FILE .* cannot be written .*unset LOG_FILE to log on stderr\.\n$/);
    });
  });
});
