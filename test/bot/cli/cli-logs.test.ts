import { createCliLogger, runCli } from '../../../bot/cli/run-cli';

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
});
