/**
 * `npm run package:teams`: the Teams app package (dist/teams-app.zip) from appPackage/ — manifest.json with its
 * `${{NAME}}` placeholders filled, as the Microsoft 365 Agents Toolkit fills them, and the two icons, checked —
 * ready to upload in the Teams admin center or the Developer Portal.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { findIconProblems } from './check-icons';
import { PackageError, readPackageSettings, type TeamsPackageSettings } from './package-settings';

export { PackageError, readPackageSettings, type TeamsPackageSettings } from './package-settings';

type Env = Record<string, string | undefined>;

export interface TeamsManifest {
  id: string;
  icons: { color: string; outline: string };
  bots: { botId: string; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  validDomains: string[];
  [key: string]: unknown;
}

const placeholderPattern = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** appPackage/ of this checkout: found upwards from here, so it works from the sources and from dist/. */
export function findAppPackageDir(from = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'appPackage', 'manifest.json'))) return path.join(dir, 'appPackage');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No appPackage/manifest.json above ${from}.`);
    dir = parent;
  }
}

/** The placeholders a manifest template uses, in order of first use. */
export function listPlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(placeholderPattern)].map((match) => match[1]!))];
}

/**
 * Fills the template: TEAMS_APP_ID, BOT_ID and BOT_DOMAIN from the settings, any other placeholder from the
 * environment (as the toolkit does from env/.env.<env>). A placeholder nothing fills stops the build, named.
 */
export function fillManifest(template: string, settings: TeamsPackageSettings, env: Env = {}): TeamsManifest {
  const values: Record<string, string | undefined> = {
    ...env,
    TEAMS_APP_ID: settings.teamsAppId,
    BOT_ID: settings.botId,
    BOT_DOMAIN: settings.botDomain,
  };
  const unfilled = listPlaceholders(template).filter((name) => values[name] === undefined);
  if (unfilled.length > 0) {
    throw new PackageError(
      'unfilled-placeholder',
      `appPackage/manifest.json uses ${unfilled.map((name) => `\${{${name}}}`).join(', ')}, which nothing fills: set ${unfilled.join(', ')} in the environment.`,
      { unfilled },
    );
  }
  // Values go into JSON strings: escape them as JSON would.
  const filled = template.replace(placeholderPattern, (_, name: string) => JSON.stringify(values[name]).slice(1, -1));
  return JSON.parse(filled) as TeamsManifest;
}

/** Builds the manifest from appPackage/ and checks its icons; throws PackageError naming what is wrong. */
export function buildTeamsPackage(
  settings: TeamsPackageSettings,
  appPackageDir = findAppPackageDir(),
  env: Env = {},
): { manifest: TeamsManifest; files: Map<string, Buffer> } {
  const manifest = fillManifest(readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8'), settings, env);
  const read = (name: string) => {
    const file = path.join(appPackageDir, name);
    if (!existsSync(file)) {
      throw new PackageError(
        'bad-icon',
        `appPackage/manifest.json names the icon ${name}, but appPackage/${name} does not exist.`,
      );
    }
    return readFileSync(file);
  };
  const icons = { color: read(manifest.icons.color), outline: read(manifest.icons.outline) };
  const problems = findIconProblems(icons, manifest.icons);
  if (problems.length > 0) {
    throw new PackageError('bad-icon', `The Teams app icons in appPackage/ need fixing: ${problems.join(' ')}`, {
      problems,
    });
  }
  const files = new Map<string, Buffer>([
    ['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)],
    [manifest.icons.color, icons.color],
    [manifest.icons.outline, icons.outline],
  ]);
  return { manifest, files };
}

/** Writes the zip (manifest and icons at its root) and resolves with the manifest written. */
export async function writeTeamsPackage(
  settings: TeamsPackageSettings,
  outPath: string,
  appPackageDir = findAppPackageDir(),
  env: Env = {},
): Promise<TeamsManifest> {
  const { manifest, files } = buildTeamsPackage(settings, appPackageDir, env);
  mkdirSync(path.dirname(outPath), { recursive: true });
  const zip = new ZipFile();
  const mtime = new Date('2026-01-01T00:00:00Z'); // fixed, so the same inputs give the same bytes
  for (const [name, content] of files) zip.addBuffer(content, name, { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  writeFileSync(outPath, Buffer.concat(chunks));
  return manifest;
}

async function main(): Promise<void> {
  const settings = readPackageSettings(process.env);
  const outPath = path.resolve(process.cwd(), 'dist', 'teams-app.zip');
  await writeTeamsPackage(settings, outPath, findAppPackageDir(), process.env);
  process.stdout.write(
    `Wrote ${outPath}: Teams app ${settings.teamsAppId}, bot ${settings.botId}, messaging endpoint https://${settings.botDomain}/api/messages.\n` +
      'Upload it in the Teams admin center (Teams apps > Manage apps > Upload new app) or the Teams Developer Portal.\n',
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`package:teams: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
