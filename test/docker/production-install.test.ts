/**
 * The production install, as the Dockerfile's last stage lays it out, without a container engine: the compiled code
 * and the files it copies from the build stage, `npm ci --omit=dev` exactly as its deps stage runs it, then its
 * ENTRYPOINT and CMD with its ENV — started with the built-in simulator, it answers /healthz and passes the
 * HEALTHCHECK. Slow (a build and an install), so it runs only with M365OPS_PRODUCTION_INSTALL_TEST=1 (.ci/run sets it).
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from '../support/free-port';
import { copiesFrom, envOf, execForm, readDockerfile, repoRoot } from '../support/read-dockerfile';
import { readLinesUntil } from '../support/ts-child-process';

const enabled = process.env.M365OPS_PRODUCTION_INSTALL_TEST === '1';
const describeWhenEnabled = enabled ? describe : describe.skip;

const stages = readDockerfile();
const runtime = stages.at(-1)!;
const deps = stages.find((stage) => stage.name === 'deps')!;
const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

/** Where /app/… of the image is in the temporary copy. */
function inApp(app: string, imagePath: string): string {
  return path.join(app, imagePath.replace(/^\/app\/?/, '').replace(/^\.\//, ''));
}

function runOrFail(command: string, args: string[], cwd: string): void {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env });
  if (run.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
}

/** The runtime stage's files: dist/ compiled here (the build stage's `npm run build`), the rest from the checkout. */
function layOutImage(app: string, buildDir: string): void {
  runOrFail(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(buildDir, 'dist')],
    repoRoot,
  );
  for (const { sources, destination } of copiesFrom(runtime, 'build')) {
    for (const source of sources) {
      const relative = source.replace(/^\/app\//, '');
      const from = relative.startsWith('dist') ? path.join(buildDir, relative) : path.join(repoRoot, relative);
      const to = destination.endsWith('/')
        ? path.join(inApp(app, destination), path.basename(relative))
        : inApp(app, destination);
      mkdirSync(path.dirname(to), { recursive: true });
      cpSync(from, to, { recursive: true });
    }
  }
}

/** The deps stage's `npm ci` with its own flags, preferring npm's cache (CI has just filled it). */
function installProductionDependencies(app: string): string[] {
  const command = deps.instructions
    .filter((i) => i.keyword === 'RUN')
    .map((i) => i.args.split('&&')[0]!.trim())
    .find((run) => run.startsWith('npm ci'))!;
  cpSync(path.join(repoRoot, 'package-lock.json'), path.join(app, 'package-lock.json'));
  const args = [...command.split(/\s+/).slice(1), '--prefer-offline'];
  runOrFail('npm', args, app);
  return args;
}

/** Bare package names the compiled code requires or imports (node: built-ins and relative paths left out). */
function requiredPackages(dir: string, found = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) requiredPackages(file, found);
    else if (entry.name.endsWith('.js')) {
      const code = readFileSync(file, 'utf8');
      for (const [, specifier] of code.matchAll(/(?:require(?:\.resolve)?|import)\(\s*["']([^"'.][^"']*)["']\s*\)/g)) {
        const name = specifier!.startsWith('@')
          ? specifier!.split('/').slice(0, 2).join('/')
          : specifier!.split('/')[0]!;
        if (!name.startsWith('node:') && !builtinModules.includes(name)) found.add(name);
      }
    }
  }
  return found;
}

describeWhenEnabled('the production install (the Dockerfile’s runtime stage, run without a container engine)', () => {
  jest.setTimeout(300_000);
  let root = '';
  let app = '';
  let npmArgs: string[] = [];
  let server: ChildProcessWithoutNullStreams | undefined;
  let port = 0;
  // As compose.yaml runs it: the demo config file mounted, the image's ENV, a port and a data directory of its own.
  const env = () => ({
    ...envOf(runtime),
    M365OPS_CONFIG: path.join(repoRoot, 'm365ops.yaml'),
    PORT: String(port),
    DATA_DIR: path.join(root, 'data'),
    HOME: root,
    PATH: process.env.PATH ?? '',
  });

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'production-install-'));
    app = path.join(root, 'app');
    mkdirSync(app, { recursive: true });
    layOutImage(app, path.join(root, 'build'));
    npmArgs = installProductionDependencies(app);
    port = await findFreePort();
  });

  afterAll(() => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('installs the production dependencies alone, running no install scripts', () => {
    expect(npmArgs).toEqual(expect.arrayContaining(['--omit=dev', '--ignore-scripts']));
    expect(existsSync(path.join(app, 'node_modules', 'express'))).toBe(true);
    for (const devOnly of ['typescript', 'jest', '@biomejs/biome', '@swc/core']) {
      expect({ devOnly, installed: existsSync(path.join(app, 'node_modules', devOnly)) }).toEqual({
        devOnly,
        installed: false,
      });
    }
  });

  it('requires no devDependency at run time: every package the compiled code names is a dependency', () => {
    const dependencies = Object.keys(packageJson.dependencies);
    const required = [...requiredPackages(path.join(app, 'dist'))];
    expect(required).toEqual(expect.arrayContaining(['express', 'botbuilder', 'mongodb', 'adaptivecards']));
    expect(required.filter((name) => !dependencies.includes(name))).toEqual([]);
  });

  it('starts with the built-in simulator through the ENTRYPOINT and CMD, and answers /healthz', async () => {
    const [entrypoint, ...entryArgs] = execForm(runtime.instructions.find((i) => i.keyword === 'ENTRYPOINT')!.args);
    const command = execForm(runtime.instructions.find((i) => i.keyword === 'CMD')!.args);
    server = spawn(inApp(app, entrypoint!), [...entryArgs, ...command], { cwd: app, env: env() });
    const lines = await readLinesUntil(server, (line) => line.startsWith('m365ops is listening on'));
    expect(lines).toContain(`m365ops is listening on http://localhost:${port} (store: embedded)`);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', store: { kind: 'embedded', reachable: true } });
  });

  it('passes the image’s HEALTHCHECK while it runs', () => {
    const [command, ...args] = execForm(runtime.instructions.find((i) => i.keyword === 'HEALTHCHECK')!.args);
    const check = spawnSync(
      command!,
      args.map((arg) => (arg.startsWith('/app/') ? inApp(app, arg) : arg)),
      { env: env() },
    );
    expect(check.status).toBe(0);
  });

  it('stops cleanly on SIGTERM, as a container engine stops it', async () => {
    const exited = new Promise<number | null>((resolve) => server!.on('exit', (code) => resolve(code)));
    server!.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('runs the command line from the install too (node dist/bot/cli/main.js), once the server is gone', () => {
    const cli = spawnSync(process.execPath, ['dist/bot/cli/main.js', 'users', 'contoso'], {
      cwd: app,
      env: env(),
      encoding: 'utf8',
    });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
  });
});
