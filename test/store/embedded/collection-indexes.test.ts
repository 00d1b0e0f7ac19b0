import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ColdPolicy, StoredDocument } from '../../../store/embedded/cold-document';
import { Collection, type CollectionDefinition } from '../../../store/embedded/collection';
import type { GroupIndex } from '../../../store/embedded/group-index';
import { Journal } from '../../../store/embedded/journal';

interface Item {
  id: string;
  colour?: string;
  tag: string;
}

const byColour: GroupIndex<Item> = { groupOf: (item) => item.colour };
const unique = { label: 'tag', valueOf: (item: Item) => item.tag, describe: (item: Item) => item.tag };
const definition: CollectionDefinition<Item> = {
  name: 'items',
  keyOf: (item) => item.id,
  unique: [unique],
  groups: [byColour],
};
/** The same, with blue items kept on disk once they are in the snapshot (their summary is the whole item). */
const coldBlue: CollectionDefinition<Item> = {
  ...definition,
  cold: { summaryIfCold: (item) => (item.colour === 'blue' ? { ...item } : undefined) },
};
const colours = ['red', 'green', 'blue', undefined];

/** A small deterministic generator, so a failure replays the same way. */
function randomFrom(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

describe('embedded collection indexes', () => {
  let dataDir: string;
  let journal: Journal;
  let items: Collection<Item>;

  async function open(using: CollectionDefinition<Item> = definition): Promise<void> {
    const coldPolicy: ColdPolicy = {
      summaryIfCold: (_, item) => using.cold?.summaryIfCold(item as unknown as Item) as StoredDocument | undefined,
    };
    const opened = await Journal.open(dataDir, { compactAfterBytes: 4096, coldPolicy });
    journal = opened.journal;
    items = new Collection(using, journal, opened.state.get('items'));
    await journal.attach(() => [items.capture()]);
  }

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-indexes-'));
    await open();
  });
  afterEach(async () => {
    await journal.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function expectSameAsScan(): void {
    for (const colour of colours) {
      if (colour === undefined) continue;
      const scanned = items.filter((item) => item.colour === colour);
      expect(items.inGroup(byColour, colour)).toEqual(scanned);
      expect(items.countInGroup(byColour, colour)).toBe(scanned.length);
    }
    for (const item of items.values()) expect(items.findUnique(unique, item.tag)).toEqual(item);
  }

  it.each([
    ['in memory', definition],
    ['with blue ones on disk once compacted', coldBlue],
  ])('answers every group in scan order through moves, removals, a restart and compaction (%s)', async (_, using) => {
    await journal.close();
    await open(using);
    const random = randomFrom(7);
    for (let round = 0; round < 4; round++) {
      const writes: Promise<void>[] = [];
      for (let step = 0; step < 300; step++) {
        const id = `item-${random(40)}`;
        if (random(5) === 0) writes.push(items.remove(id));
        else writes.push(items.put({ id, colour: colours[random(colours.length)], tag: `tag-${id}` }));
        if (step % 50 === 0) expectSameAsScan();
      }
      await Promise.all(writes);
      expectSameAsScan();
      await journal.close();
      await open(using);
      expectSameAsScan();
    }
  });

  it('puts a document that leaves and rejoins a group back in its collection place', async () => {
    await items.put({ id: 'a', colour: 'red', tag: 'a' });
    await items.put({ id: 'b', colour: 'red', tag: 'b' });
    await items.put({ id: 'a', colour: 'blue', tag: 'a' });
    await items.put({ id: 'a', colour: 'red', tag: 'a' });
    expect(items.inGroup(byColour, 'red').map((item) => item.id)).toEqual(['a', 'b']);
    await items.remove('a');
    await items.put({ id: 'a', colour: 'red', tag: 'a' });
    expect(items.inGroup(byColour, 'red').map((item) => item.id)).toEqual(['b', 'a']);
  });

  it('finds nothing for a value no document holds', () => {
    expect(items.inGroup(byColour, 'red')).toEqual([]);
    expect(items.countInGroup(byColour, 'red')).toBe(0);
    expect(items.findUnique(unique, 'missing')).toBeUndefined();
  });
});
