/**
 * The config file's `access` is the source of truth for what it declares. At start, a grant the file declares now
 * and did not declare last time is given; a grant it declared last time and no longer declares is taken away
 * (also when the identity moved to a lower role). Grants made in chat that the file never declared stay, and so
 * does a chat edit of a declared grant while the file does not change it. What the file declared is kept in the
 * store's settings, and every change is said in the start-up log.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../common/logger';
import type { Store } from '../store/ports';
import type { ConfigFile } from './config-file';

type Declaration = ConfigFile['access'][number];

export interface AccessChanges {
  /** `role:identity`, as given or taken away. */
  granted: string[];
  revoked: string[];
}

const declaredKey = 'config:access:declared';

const keyOf = (declaration: Declaration) => `${declaration.role}:${declaration.identity}`;

export async function applyAccess(store: Store, file: ConfigFile, logger?: Logger): Promise<AccessChanges> {
  const previous = await readDeclared(store, file.access);
  const now = new Map(file.access.map((declaration) => [keyOf(declaration), declaration]));
  const changes: AccessChanges = { granted: [], revoked: [] };

  for (const [key, declaration] of now) {
    if (previous.has(key)) continue;
    const had = (await store.access.rolesOf(declaration.identity)).includes(declaration.role);
    await store.access.grant(declaration.identity, declaration.role, 'config file');
    changes.granted.push(key);
    if (had) continue;
    logger?.info(
      { identity: declaration.identity, role: declaration.role },
      `access: ${declaration.identity} gained ${declaration.role} (declared in ${file.name})`,
    );
  }
  for (const [key, declaration] of previous) {
    if (now.has(key)) continue;
    if (!(await store.access.revoke(declaration.identity, declaration.role))) continue;
    changes.revoked.push(key);
    logger?.info(
      { identity: declaration.identity, role: declaration.role },
      `access: ${declaration.identity} lost ${declaration.role} (${whyRemoved(file, declaration)})`,
    );
  }

  await store.settings.set(declaredKey, JSON.stringify([...now.values()]));
  return changes;
}

function whyRemoved(file: ConfigFile, lost: Declaration): string {
  const still = file.access.filter((declaration) => declaration.identity === lost.identity).map((d) => d.role);
  return still.length > 0 ? `now ${still.join(' and ')} in ${file.name}` : `removed from ${file.name}`;
}

/** What the file declared when it was last applied. */
async function readDeclared(store: Store, declaredNow: Declaration[]): Promise<Map<string, Declaration>> {
  const stored = await store.settings.get(declaredKey);
  if (stored !== null) {
    const declarations = JSON.parse(stored) as Declaration[];
    return new Map(declarations.map((declaration) => [keyOf(declaration), declaration]));
  }
  // Before this record existed, each grant the file gave left a fingerprint of its own under its key (a Slack
  // one under its bare slack:<user_id>, which upgrade-slack-grants.ts has since moved into its workspace).
  const candidates = [...declaredNow, ...(await store.access.list())];
  const previous = new Map<string, Declaration>();
  for (const { identity, role } of candidates) {
    const bare = /^slack:[^:]+:([^:]+)$/.exec(identity);
    const formerly = bare ? [identity, `slack:${bare[1]}`] : [identity];
    for (const former of formerly) {
      if (await hasFingerprint(store, { identity: former, role })) {
        previous.set(keyOf({ identity, role }), { identity, role });
      }
    }
  }
  return previous;
}

async function hasFingerprint(store: Store, declaration: Declaration): Promise<boolean> {
  const print = createHash('sha256').update(JSON.stringify(declaration)).digest('hex');
  return (await store.settings.get(`config:access:${keyOf(declaration)}`)) === print;
}
