/** The per-user lock: one at a time per key, and a nested take of the same key fails at once instead of hanging. */
import { createKeyedLock } from '../../common/keyed-lock';

it('runs work for one key one at a time, and other keys alongside', async () => {
  const lock = createKeyedLock();
  const order: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const first = lock('user:a', async () => {
    order.push('a1 start');
    await gate;
    order.push('a1 end');
  });
  const second = lock('user:a', async () => {
    order.push('a2');
  });
  await lock('user:b', async () => {
    order.push('b');
  });
  release();
  await Promise.all([first, second]);
  expect(order).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
});

it('refuses to take a key its own work already holds, and frees the key after', async () => {
  const lock = createKeyedLock();
  await expect(lock('user:a', () => lock('user:a', async () => 'never'))).rejects.toThrow(/not re-entrant/);
  await expect(lock('user:a', async () => 'free again')).resolves.toBe('free again');
  await expect(lock('user:a', () => lock('user:b', async () => 'nested other key'))).resolves.toBe('nested other key');
});

it('lets work started under a hold take the key once the hold has ended', async () => {
  const lock = createKeyedLock();
  let go!: () => void;
  const signal = new Promise<void>((resolve) => {
    go = resolve;
  });
  let detached!: Promise<string>;
  await lock('user:a', async () => {
    // Started inside the hold, run after it: it waits its turn like any other request.
    detached = signal.then(() => lock('user:a', async () => 'taken after the hold'));
  });
  go();
  await expect(detached).resolves.toBe('taken after the hold');
});
