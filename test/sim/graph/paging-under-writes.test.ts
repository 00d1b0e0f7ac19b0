/**
 * Paging while the directory changes between pages, over HTTP as a client sees it. Graph promises no snapshot: a
 * user added or removed during a read may or may not be listed. What it does promise, and what a sync relies on:
 * a user present from the first page to the last is listed exactly once, nobody is listed twice, and a user
 * removed before its page is reached is not listed.
 */
import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { contosoId, type GraphCall, graphFor, newUserBody } from '../sim-requests';

const domain = 'paging.example';
let simulator: RunningSimulator;
let graph: GraphCall;

beforeEach(async () => {
  simulator = await startSimulator({
    seed: {
      tenants: [
        {
          id: contosoId,
          displayName: 'Paging',
          domains: [{ name: domain }],
          generated: [{ domain, names: Array.from({ length: 230 }, (_, i) => `Person Number${i}`) }],
        },
      ],
    },
  });
  graph = await graphFor(simulator, contosoId);
});

afterEach(async () => {
  await simulator.close();
});

interface Listed {
  id: string;
  userPrincipalName: string;
}

/** Reads to the end, calling `between` after each page with what was listed so far; answers every entry. */
async function readAll(first: string, between: (page: number, listed: Listed[]) => Promise<void>): Promise<Listed[]> {
  const listed: Listed[] = [];
  let link: string | undefined = first;
  for (let page = 1; link; page += 1) {
    const answer = await graph('GET', link);
    expect(answer.status).toBe(200);
    listed.push(...(answer.json.value as Listed[]));
    link = answer.json['@odata.nextLink'];
    if (link) await between(page, listed);
  }
  return listed;
}

const sortedIds = () =>
  simulator.control
    .listUsers(contosoId)
    .map((user) => user.id)
    .sort();

async function createUser(name: string): Promise<string> {
  const answer = await graph('POST', '/users', newUserBody(`${name}@${domain}`));
  expect(answer.status).toBe(201);
  return answer.json.id as string;
}

/** The changes of one read: removals ahead of and behind the cursor, the cursor's own user, adds, a rename. */
function churn() {
  const removedAhead: string[] = [];
  const removedBehind: string[] = [];
  const added: string[] = [];
  const renamed: string[] = [];
  const between = async (page: number, listed: Listed[]) => {
    const cursor = listed[listed.length - 1]?.id as string;
    const ahead = sortedIds().filter((id) => id > cursor);
    if (page === 1) {
      // Behind the cursor, the cursor's own user, the last user, a user renamed and one deleted and restored.
      for (const id of [listed[0]?.id as string, cursor, ahead[ahead.length - 1] as string]) {
        expect((await graph('DELETE', `/users/${id}`)).status).toBe(204);
        (id > cursor ? removedAhead : removedBehind).push(id);
      }
      const renaming = ahead[0] as string;
      const patch = await graph('PATCH', `/users/${renaming}`, { userPrincipalName: `renamed@${domain}` });
      expect(patch.status).toBe(204);
      renamed.push(renaming);
      const bounced = ahead[1] as string;
      await graph('DELETE', `/users/${bounced}`);
      expect((await graph('POST', `/directory/deletedItems/${bounced}/restore`)).status).toBe(200);
    }
    added.push(await createUser(`added${page}a`), await createUser(`added${page}b`));
  };
  return { between, removedAhead, removedBehind, added, renamed };
}

function expectListedOnce(listed: Listed[], ids: string[]): void {
  const counts = new Map<string, number>();
  for (const entry of listed) counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1);
  for (const id of ids) expect([id, counts.get(id)]).toEqual([id, 1]);
}

it('lists every user present throughout exactly once while users come and go between pages', async () => {
  const before = new Set(sortedIds());
  const changes = churn();
  const listed = await readAll('/users?$top=40&$select=id,userPrincipalName', changes.between);
  const ids = listed.map((entry) => entry.id);
  expect(new Set(ids).size).toBe(ids.length);
  const after = new Set(sortedIds());
  expectListedOnce(
    listed,
    [...before].filter((id) => after.has(id)),
  );
  for (const id of changes.removedAhead) expect(ids).not.toContain(id);
  expectListedOnce(listed, changes.removedBehind);
  expect(listed.find((entry) => entry.id === changes.renamed[0])?.userPrincipalName).toBe(`renamed@${domain}`);
  expect(changes.added.length).toBeGreaterThan(8);
});

it('resumes a filtered read by key while matching users come and go', async () => {
  const matching = () => simulator.control.listUsers(contosoId).filter((user) => user.givenName === 'Person');
  const before = new Set(matching().map((user) => user.id));
  const changes = churn();
  const listed = await readAll(
    `/users?$top=25&$select=id,userPrincipalName&$filter=startswith(userPrincipalName,'person')`,
    changes.between,
  );
  const ids = listed.map((entry) => entry.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(listed.every((entry) => entry.userPrincipalName.startsWith('person.'))).toBe(true);
  const after = new Set(matching().map((user) => user.id));
  const renamed = changes.renamed[0] as string;
  expectListedOnce(
    listed,
    [...before].filter((id) => after.has(id) && id !== renamed),
  );
  for (const id of changes.removedAhead) expect(ids).not.toContain(id);
  expect(ids).not.toContain(renamed);
});

it('lists every user present throughout exactly once in a delta round read while users come and go', async () => {
  const before = new Set(sortedIds());
  const changes = churn();
  const listed = await readAll('/users/delta?$select=userPrincipalName', changes.between);
  const ids = listed.map((entry) => entry.id);
  expect(new Set(ids).size).toBe(ids.length);
  const after = new Set(sortedIds());
  expectListedOnce(
    listed,
    [...before].filter((id) => after.has(id)),
  );
  for (const id of changes.removedAhead) expect(ids).not.toContain(id);
});

it('pages a large round in id order, each page resuming where the last one stopped', async () => {
  for (let index = 0; index < 70; index++) await createUser(`later${index}`);
  const listed = await readAll('/users?$top=999&$select=id,userPrincipalName', async () => {});
  expect(listed.map((entry) => entry.id)).toEqual(sortedIds());
  const small = await readAll('/users?$top=7&$select=id,userPrincipalName', async () => {});
  expect(small.map((entry) => entry.id)).toEqual(sortedIds());
});
