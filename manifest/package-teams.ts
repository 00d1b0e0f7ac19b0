/**
 * `npm run package:teams`: the Teams app package (dist/teams-app.zip) — manifest.json with the bot's Microsoft App
 * ID and PUBLIC_URL's host filled in, and the two icons — ready to upload in Teams admin or Developer Portal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { CodedError } from '../common/coded-error';
import { drawColorIcon, drawOutlineIcon } from './teams/draw-icons';
import manifestTemplate from './teams/manifest.json';

export type TeamsManifest = typeof manifestTemplate;

const guidPattern = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

export class PackageError extends CodedError<'bad-app-id' | 'bad-public-url'> {}

export interface TeamsPackageSettings {
  /** The bot's Microsoft App ID (MicrosoftAppId). */
  appId: string;
  /** The base URL Teams reaches the bot at (PUBLIC_URL). */
  publicUrl: string;
}

export function buildTeamsManifest(settings: TeamsPackageSettings): TeamsManifest {
  if (!guidPattern.test(settings.appId)) {
    throw new PackageError(
      'bad-app-id',
      `${settings.appId ? `MicrosoftAppId is "${settings.appId}"` : 'MicrosoftAppId is not set'}, but the Teams package needs the bot's Microsoft App ID, a GUID such as 6b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b.`,
    );
  }
  let url: URL;
  try {
    url = new URL(settings.publicUrl);
  } catch {
    throw new PackageError(
      'bad-public-url',
      `PUBLIC_URL is "${settings.publicUrl}", but it must be the https URL Teams reaches the bot at, such as https://bot.example.com.`,
    );
  }
  const manifest: TeamsManifest = structuredClone(manifestTemplate);
  manifest.bots[0]!.botId = settings.appId;
  manifest.validDomains = [url.hostname];
  const site = `https://${url.hostname}`;
  manifest.developer.websiteUrl = site;
  manifest.developer.privacyUrl = `${site}/privacy`;
  manifest.developer.termsOfUseUrl = `${site}/terms`;
  return manifest;
}

/** Writes the zip and resolves with its path. */
export async function writeTeamsPackage(settings: TeamsPackageSettings, outPath: string): Promise<string> {
  const manifest = buildTeamsManifest(settings);
  mkdirSync(path.dirname(outPath), { recursive: true });
  const zip = new ZipFile();
  const mtime = new Date('2026-01-01T00:00:00Z'); // fixed, so the same settings give the same bytes
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', { mtime });
  zip.addBuffer(drawColorIcon(), manifest.icons.color, { mtime });
  zip.addBuffer(drawOutlineIcon(), manifest.icons.outline, { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  writeFileSync(outPath, Buffer.concat(chunks));
  return outPath;
}

async function main(): Promise<void> {
  const port = process.env.PORT?.trim() || '3978';
  const settings = {
    appId: process.env.MicrosoftAppId?.trim() ?? '',
    publicUrl: process.env.PUBLIC_URL?.trim() || `http://localhost:${port}`,
  };
  const outPath = path.resolve(process.cwd(), 'dist', 'teams-app.zip');
  await writeTeamsPackage(settings, outPath);
  process.stdout.write(`Wrote ${outPath} (bot ${settings.appId}, domain ${new URL(settings.publicUrl).hostname})\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`package:teams failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
