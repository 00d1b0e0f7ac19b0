import { runCliProcess } from '../../support/cli-process';

describe('m365ops usage', () => {
  it('prints the usage and exits 0 for --help', async () => {
    const run = await runCliProcess(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: m365ops <command>');
    expect(run.stdout).toContain('  add user <upn> plan <plan>');
  });

  it('prints the usage to stderr and exits 2 without a command', async () => {
    const run = await runCliProcess([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: m365ops <command>');
  });

  it('exits 2 with a did-you-mean for a misspelt command', async () => {
    const run = await runCliProcess(['chnage', 'plan', 'jane@contoso.com', 'business-basic']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      '"chnage" is not a command I know. Did you mean `change plan`? Type `help` to see every command.\n',
    );
  });

  it('exits 2 for a bad UPN before touching the store', async () => {
    const run = await runCliProcess(['add', 'user', 'jäne@contoso.com', 'plan', 'business-basic'], {
      DATA_DIR: '/nonexistent/m365ops',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"ä" may not be used before the @');
  });

  it('exits 2 for a command over 4,000 characters, saying how long it was', async () => {
    const run = await runCliProcess(['users', 'c'.repeat(100_000)], { DATA_DIR: '/nonexistent/m365ops' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('That command is 100,006 characters long; the limit is 4,000.');
  });
});
