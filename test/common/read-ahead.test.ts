import { readAhead } from '../../common/read-ahead';

/** A source of pages that logs when each fetch starts and can fail at one page. */
function pages(count: number, log: string[], failAt?: number) {
  return {
    closed: false,
    async *[Symbol.asyncIterator]() {
      try {
        for (let page = 1; page <= count; page++) {
          log.push(`fetch ${page}`);
          await Promise.resolve();
          if (page === failAt) throw new Error(`page ${page} failed`);
          yield page;
        }
      } finally {
        this.closed = true;
      }
    },
  };
}

it('fetches the next page before the consumer has finished with the current one', async () => {
  const log: string[] = [];
  for await (const page of readAhead(pages(3, log))) {
    await Promise.resolve();
    log.push(`compare ${page}`);
  }
  expect(log).toEqual(['fetch 1', 'fetch 2', 'compare 1', 'fetch 3', 'compare 2', 'compare 3']);
});

it('hands on every page in order', async () => {
  const seen: number[] = [];
  for await (const page of readAhead(pages(5, []))) seen.push(page);
  expect(seen).toEqual([1, 2, 3, 4, 5]);
});

it('surfaces a failed page when the consumer reaches it, after the pages before it', async () => {
  const seen: number[] = [];
  const read = async () => {
    for await (const page of readAhead(pages(5, [], 3))) seen.push(page);
  };
  await expect(read()).rejects.toThrow('page 3 failed');
  expect(seen).toEqual([1, 2]);
});

it('closes the source when the consumer stops early, whatever the page fetched ahead did', async () => {
  const source = pages(5, [], 2);
  const stop = async () => {
    for await (const page of readAhead(source)) if (page === 1) throw new Error('lease lost');
  };
  await expect(stop()).rejects.toThrow('lease lost');
  await new Promise((resolve) => setImmediate(resolve));
  expect(source.closed).toBe(true);
});
