import { createBoundedQueue } from '../../common/bounded-queue';

/** Work that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a bounded queue', () => {
  it('runs at most its limit at once, starting the rest in the order queued as places free up', async () => {
    const queue = createBoundedQueue(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const results = gates.map((g, index) =>
      queue.run(`tenant-${index}`, async () => {
        started.push(index);
        await g.opened;
        return index;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect([queue.active, queue.waiting]).toEqual([2, 2]);

    gates[1].open();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0].open();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const g of gates) g.open();
    await expect(Promise.all(results)).resolves.toEqual([0, 1, 2, 3]);
    expect([queue.active, queue.waiting]).toEqual([0, 0]);
  });

  it('joins work queued again under a key that is still waiting, and runs it once', async () => {
    const queue = createBoundedQueue(1);
    const first = gate();
    let runs = 0;
    const blocking = queue.run('a', () => first.opened);
    const once = () =>
      queue.run('b', async () => {
        runs++;
        return runs;
      });
    const [x, y] = [once(), once()];
    first.open();
    await blocking;
    await expect(Promise.all([x, y])).resolves.toEqual([1, 1]);
    expect(runs).toBe(1);
  });

  it('frees the place of work that failed, and hands the failure to its caller', async () => {
    const queue = createBoundedQueue(1);
    await expect(queue.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('b', async () => 'next')).resolves.toBe('next');
  });

  it('refuses a limit below one', () => {
    expect(() => createBoundedQueue(0)).toThrow('A queue needs a limit of 1 or more, not 0.');
  });
});
