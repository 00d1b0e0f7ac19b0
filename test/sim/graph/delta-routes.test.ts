import { contosoId, skuIds } from '../sim-requests';
import { useSimulator } from '../use-simulator';

const running = useSimulator({ freshForEachTest: true });
const { graph } = running;

interface DeltaEntry {
  id: string;
  userPrincipalName?: string;
  assignedLicenses?: { skuId: string }[];
  '@removed'?: { reason: string };
}

/** Follows next links to the end of a round; answers the entries and the delta link. */
async function readRound(first: string): Promise<{ entries: DeltaEntry[]; deltaLink: string; pages: number }> {
  const entries: DeltaEntry[] = [];
  let link: string | undefined = first;
  let pages = 0;
  while (link) {
    const page = await graph('GET', link);
    expect(page.status).toBe(200);
    pages += 1;
    entries.push(...page.json.value);
    if (page.json['@odata.deltaLink']) return { entries, deltaLink: page.json['@odata.deltaLink'], pages };
    link = page.json['@odata.nextLink'];
  }
  throw new Error('a delta round ended without a delta link');
}

const select = '/users/delta?$select=userPrincipalName,assignedLicenses,displayName';

it('returns every user in the initial round, with the selected properties and id, ending in a delta link', async () => {
  const round = await readRound(select);
  expect(round.entries).toHaveLength(49);
  expect(Object.keys(round.entries[0] ?? {}).sort()).toEqual([
    'assignedLicenses',
    'displayName',
    'id',
    'userPrincipalName',
  ]);
  expect(round.deltaLink).toMatch(new RegExp(`^${running.simulator.graphUrl}/v1\\.0/users/delta\\?\\$deltatoken=`));
});

it('pages the initial round by about 200 through next links', async () => {
  for (let index = 0; index < 260; index++)
    running.simulator.control.addUser(contosoId, { userPrincipalName: `bulk${index}@contoso.com` });
  const first = await graph('GET', select);
  expect(first.json.value).toHaveLength(200);
  expect(first.json['@odata.nextLink']).toMatch(/\$skiptoken=/);
  expect(first.json['@odata.deltaLink']).toBeUndefined();
  const round = await readRound(select);
  expect(round.pages).toBe(2);
  expect(new Set(round.entries.map((entry) => entry.id)).size).toBe(309);
});

it('answers $deltatoken=latest with only a delta link', async () => {
  const answer = await graph('GET', `${select}&$deltatoken=latest`);
  expect(answer.json.value).toEqual([]);
  expect(answer.json['@odata.deltaLink']).toBeDefined();
  const next = await readRound(answer.json['@odata.deltaLink']);
  expect(next.entries).toEqual([]);
});

it('surfaces a created user, a licence change and a rename in the next round', async () => {
  const { deltaLink } = await readRound(select);
  const created = running.simulator.control.addUser(contosoId, {
    userPrincipalName: 'delta.new@contoso.com',
    usageLocation: 'US',
  });
  running.simulator.control.setLicenses(contosoId, 'alex.wilber@contoso.com', ['O365_BUSINESS_ESSENTIALS']);
  running.simulator.control.renameUpn(contosoId, 'megan.bowen@contoso.com', 'megan.b@contoso.com');
  const round = await readRound(deltaLink);
  const byUpn = Object.fromEntries(round.entries.map((entry) => [entry.userPrincipalName, entry]));
  expect(Object.keys(byUpn).sort()).toEqual([
    'alex.wilber@contoso.com',
    'delta.new@contoso.com',
    'megan.b@contoso.com',
  ]);
  expect(byUpn['delta.new@contoso.com']?.id).toBe(created.id);
  expect(byUpn['alex.wilber@contoso.com']?.assignedLicenses).toEqual([
    { disabledPlans: [], skuId: skuIds.O365_BUSINESS_ESSENTIALS },
  ]);
});

it('does not surface a change to a property that was not selected', async () => {
  const { deltaLink } = await readRound('/users/delta?$select=userPrincipalName');
  await graph('PATCH', '/users/alex.wilber@contoso.com', { jobTitle: 'Chief Helper' });
  expect((await readRound(deltaLink)).entries).toEqual([]);
});

it('marks a soft delete as removed: changed and a purge as removed: deleted', async () => {
  const { deltaLink } = await readRound(select);
  const soft = running.simulator.control.getUser(contosoId, 'alex.wilber@contoso.com');
  const hard = running.simulator.control.getUser(contosoId, 'megan.bowen@contoso.com');
  running.simulator.control.deleteUser(contosoId, 'alex.wilber@contoso.com');
  running.simulator.control.deleteUser(contosoId, 'megan.bowen@contoso.com');
  running.simulator.control.purgeUser(contosoId, hard?.id ?? '');
  const round = await readRound(deltaLink);
  expect(round.entries).toEqual(
    expect.arrayContaining([
      { '@odata.type': '#microsoft.graph.user', id: soft?.id, '@removed': { reason: 'changed' } },
      { '@odata.type': '#microsoft.graph.user', id: hard?.id, '@removed': { reason: 'deleted' } },
    ]),
  );
  expect(round.entries).toHaveLength(2);
});

it('brings a restored user back without an annotation', async () => {
  running.simulator.control.deleteUser(contosoId, 'alex.wilber@contoso.com');
  const { deltaLink } = await readRound(select);
  running.simulator.control.restoreUser(contosoId, 'alex.wilber@contoso.com');
  const round = await readRound(deltaLink);
  expect(round.entries).toHaveLength(1);
  expect(round.entries[0]).toMatchObject({ userPrincipalName: 'alex.wilber@contoso.com' });
  expect(round.entries[0]?.['@removed']).toBeUndefined();
});

it('sees changes made while a full read was running when the latest link was taken first', async () => {
  const latest = (await graph('GET', `${select}&$deltatoken=latest`)).json['@odata.deltaLink'];
  const page = await graph('GET', '/users?$top=10&$select=id');
  running.simulator.control.setLicenses(contosoId, 'diego.siciliani@contoso.com', []);
  await graph('GET', page.json['@odata.nextLink']);
  const round = await readRound(latest);
  expect(round.entries.map((entry) => entry.userPrincipalName)).toEqual(['diego.siciliani@contoso.com']);
});

it('answers an expired token with 410 Gone and a Location for a new round', async () => {
  const { deltaLink } = await readRound(select);
  running.simulator.control.expireDeltaTokens(contosoId, 'gone');
  const answer = await graph('GET', deltaLink);
  expect(answer.status).toBe(410);
  expect(answer.json.error.code).toBe('resyncRequired');
  const location = answer.headers.location as string;
  expect(location).toMatch(/\$deltatoken=$/);
  expect((await readRound(location)).entries).toHaveLength(49);
});

it('answers an expired token with syncStateNotFound when told to', async () => {
  const { deltaLink } = await readRound(select);
  running.simulator.control.expireDeltaTokens(contosoId, 'syncStateNotFound');
  const answer = await graph('GET', deltaLink);
  expect(answer.status).toBe(400);
  expect(answer.json.error.code).toBe('syncStateNotFound');
  expect(answer.json.error.message).toMatch(/^The sync state generation is not found\./);
});
