/**
 * A simulator with a state file keeps what an administrator changed — users, deleted items, roles, licences,
 * consent — and its port and client secret across a restart, and a delta link taken before it still reads only
 * what changed after it. The file is replaced whole (temporary file + rename).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { contosoId, graphFor, northwindId } from '../sim-requests';

let dir: string;
let stateFile: string;
const running: RunningSimulator[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'm365ops-sim-state-'));
  stateFile = path.join(dir, 'simulator.json');
});

afterEach(async () => {
  for (const simulator of running.splice(0)) await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<RunningSimulator> {
  const simulator = await startSimulator({ stateFile });
  running.push(simulator);
  return simulator;
}

it('comes back with the same tenants, deleted items, roles, licences, consent, port and secret', async () => {
  const first = await start();
  const added = first.control.addUser(contosoId, {
    userPrincipalName: 'new.hire@contoso.com',
    usageLocation: 'US',
    licenses: ['SPB'],
  });
  first.control.grantRole(contosoId, added.id, 'Global Administrator');
  first.control.deleteUser(contosoId, 'diego.siciliani@contoso.com');
  first.control.grantConsent(northwindId);
  await first.close();
  running.splice(0);
  expect(readdirSync(dir)).toEqual(['simulator.json']);

  const second = await start();
  expect(second.graphUrl).toBe(first.graphUrl);
  expect(second.clientSecret).toBe(first.clientSecret);
  expect(second.control.getUser(contosoId, 'new.hire@contoso.com')).toMatchObject({
    id: added.id,
    assignedLicenses: [expect.objectContaining({ skuId: added.assignedLicenses[0]!.skuId })],
  });
  expect(second.control.listRoleMembers(contosoId, 'Global Administrator')).toContain(added.id);
  expect(second.control.listDeletedUsers(contosoId).map((user) => user.userPrincipalName)).toContain(
    'diego.siciliani@contoso.com',
  );
  expect(second.control.getConsent(northwindId)).toBe('granted');
  expect(second.control.getSkus(contosoId)).toEqual(first.control.getSkus(contosoId));
});

it('answers a delta link taken before the restart with only what changed after it', async () => {
  const first = await start();
  const before = await graphFor(first, contosoId);
  const latest = await before('GET', '/users/delta?$select=userPrincipalName&$deltatoken=latest');
  const deltaLink: string = latest.json['@odata.deltaLink'];
  await first.close();
  running.splice(0);

  const second = await start();
  second.control.addUser(contosoId, { userPrincipalName: 'after.restart@contoso.com' });
  const after = await graphFor(second, contosoId);
  const round = await after('GET', deltaLink);
  expect(round.status).toBe(200);
  expect(round.json.value.map((user: { userPrincipalName: string }) => user.userPrincipalName)).toEqual([
    'after.restart@contoso.com',
  ]);
});

it('refuses a state file it cannot read, naming it, instead of starting empty', async () => {
  writeFileSync(stateFile, '{"version": 1, "tenants": ');
  await expect(startSimulator({ stateFile })).rejects.toThrow(stateFile);
  expect(readFileSync(stateFile, 'utf8')).toBe('{"version": 1, "tenants": ');
});

it('writes the state shortly after a change, before it closes', async () => {
  const simulator = await start();
  simulator.control.addUser(contosoId, { userPrincipalName: 'written.soon@contoso.com' });
  const written = () => existsSync(stateFile) && readFileSync(stateFile, 'utf8').includes('written.soon');
  for (let i = 0; i < 100 && !written(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(written()).toBe(true);
});

it('keeps groups, group licences and mailbox settings across a restart', async () => {
  const first = await start();
  const group = first.control.createGroup(contosoId, {
    displayName: 'Projects',
    licenses: ['O365_BUSINESS_ESSENTIALS'],
  });
  const user = first.control.addUser(contosoId, { userPrincipalName: 'grouped@contoso.com', usageLocation: 'US' });
  first.control.addGroupMember(contosoId, group.id, user.id);
  first.control.setMailboxSize(contosoId, 'megan.bowen@contoso.com', 123_456);
  first.control.addMobileDevice(contosoId, 'megan.bowen@contoso.com', 'Pixel 8');
  await first.close();
  running.splice(0);

  const second = await start();
  expect(second.control.getGroup(contosoId, 'Projects')).toMatchObject({ id: group.id, memberIds: [user.id] });
  expect(second.control.getMailbox(contosoId, 'megan.bowen@contoso.com')).toMatchObject({
    sizeBytes: 123_456,
    mobileDevices: [expect.objectContaining({ name: 'Pixel 8' })],
  });
  expect(second.control.getGroup(contosoId, 'All Staff')?.memberIds.length).toBeGreaterThan(40);
});
