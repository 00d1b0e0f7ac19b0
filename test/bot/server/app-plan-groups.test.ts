/**
 * The YAML's plan groups are checked where the app starts, against the built-in simulator's tenants: an unknown
 * group stops the start naming the group, the customer and the groups there are; known ones (any case) start.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../../bot/server/app';

const config = (groups: string) => `plans:
  - { id: business-premium, name: Business Premium, skus: [SPB], groups: [${groups}], usernameFormat: first.last }
customers:
  - id: contoso
    name: Contoso Ltd
    tenantId: 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60
    plans: { business-premium: {} }
  - id: northwind
    name: Northwind Traders
    plans: { business-premium: {} }
`;

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-groups-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function start(groups: string) {
  const file = path.join(dataDir, 'm365ops.yaml');
  writeFileSync(file, config(groups));
  return createApp({ env: { DATA_DIR: dataDir, M365OPS_CONFIG: file, LOG_LEVEL: 'silent' }, cwd: dataDir });
}

describe('plan groups in the YAML at start', () => {
  it('stop the start when a tenant offering the plan lacks one', async () => {
    await expect(start('"Sales", "Marketing"')).rejects.toThrow(
      'm365ops.yaml names groups the tenants do not have: plan "business-premium": There is no group "Marketing" in Contoso Ltd\'s tenant; its groups are All Staff, Finance, Licence - Business Basic, Sales.',
    );
  });

  it('start when every group is found, by name in any case', async () => {
    const app = await start('"sales", "All Staff"');
    expect((await app.store.plans.get('business-premium'))?.groups).toEqual(['sales', 'All Staff']);
    await app.close();
  });
});
