/**
 * The container files, checked without a container engine: what the Dockerfile's stages do, what compose.yaml
 * gives m365ops (read by m365ops's own configuration parser), and what .dockerignore keeps out of the build.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseEnv } from '../../config/env';
import { copiesFrom, envOf, execForm, readDockerfile, repoRoot } from '../support/read-dockerfile';

const stages = readDockerfile();
const runtime = stages.at(-1)!;
const keywordsOf = (stage: typeof runtime) => stage.instructions.map((i) => i.keyword);
const runs = (stage: typeof runtime) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);

describe('Dockerfile', () => {
  it('builds in stages on Node 20 slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:20(\.\d+)*-[a-z]*-?slim$/);
  });

  it('gives the runtime only the production dependencies, installed with npm ci --omit=dev', () => {
    const [deps] = copiesFrom(runtime, 'deps');
    expect(deps).toEqual({ sources: ['/app/node_modules'], destination: './node_modules' });
    const depsStage = stages.find((stage) => stage.name === 'deps')!;
    expect(runs(depsStage).join('\n')).toMatch(/npm ci --omit=dev/);
    // Nothing of the build context reaches the runtime except through a stage.
    expect(runtime.instructions.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from='))).toEqual([]);
  });

  it('runs as the unprivileged user node, owning its data volume', () => {
    const keywords = keywordsOf(runtime);
    expect(runtime.instructions.find((i) => i.keyword === 'USER')?.args).toBe('node');
    expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
    expect(envOf(runtime).DATA_DIR).toBe('/data');
    expect(runs(runtime).join('\n')).toContain('chown node:node /data');
  });

  it('never runs the unauthenticated dev mode, and checks its health on /healthz', () => {
    expect(envOf(runtime)).toMatchObject({ NODE_ENV: 'production', M365OPS_DEV_MODE: '0' });
    const healthcheck = runtime.instructions.find((i) => i.keyword === 'HEALTHCHECK')!;
    expect(execForm(healthcheck.args)).toEqual(['node', '/app/docker/healthcheck.js']);
    expect(readFileSync(path.join(repoRoot, 'docker', 'healthcheck.js'), 'utf8')).toContain('/healthz');
  });

  it('starts through the entry point that reads secrets from files, which git keeps executable', () => {
    const entrypoint = runtime.instructions.find((i) => i.keyword === 'ENTRYPOINT')!;
    expect(execForm(entrypoint.args)).toEqual(['/app/docker/entrypoint.sh']);
    expect(statSync(path.join(repoRoot, 'docker', 'entrypoint.sh')).mode & 0o111).not.toBe(0);
    expect(execForm(runtime.instructions.find((i) => i.keyword === 'CMD')!.args)).toEqual([
      'node',
      'dist/bot/server/main.js',
    ]);
  });
});

describe('compose.yaml', () => {
  const compose = parseYaml(readFileSync(path.join(repoRoot, 'compose.yaml'), 'utf8'));
  const service = compose.services.m365ops;

  it('builds this checkout and waits for a healthy MongoDB', () => {
    expect(service.build).toBe('.');
    expect(service.depends_on).toEqual({ mongodb: { condition: 'service_healthy' } });
    expect(compose.services.mongodb.healthcheck.test).toContain('mongosh');
  });

  it('gives m365ops settings its configuration reads as MongoDB, the mounted config file, and Teams off', () => {
    const mount = (service.volumes as string[]).find((volume) => volume.includes(service.environment.M365OPS_CONFIG))!;
    expect(mount).toBe(`./m365ops.yaml:${service.environment.M365OPS_CONFIG}:ro`);
    const env = parseEnv(
      { ...envOf(runtime), ...service.environment, M365OPS_CONFIG: path.join(repoRoot, 'm365ops.yaml') },
      repoRoot,
    );
    expect(env.mongodbUri).toBe('mongodb://mongodb:27017/m365ops');
    expect(env.teams.mode).toBe('off');
    expect(env.port).toBe(Number(service.ports[0].split(':')[1]));
  });

  it('reads further settings from m365ops.env, which neither git nor the image build sees', () => {
    expect(service.env_file).toEqual([{ path: './m365ops.env', required: false }]);
    expect(readFileSync(path.join(repoRoot, '.gitignore'), 'utf8').split('\n')).toContain('m365ops.env');
  });
});

it('keeps local state, build output and secrets out of the build context', () => {
  const ignored = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8').split('\n');
  expect(ignored).toEqual(
    expect.arrayContaining(['.git', 'node_modules', 'dist', 'data', 'm365ops.env', 'env/.env.*.user']),
  );
});
