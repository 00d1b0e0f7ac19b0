/**
 * Reads one item ahead of the consumer: while the caller works on item k, item k+1 is already being fetched (a
 * sync compares page k while Graph answers page k+1). At most two items are held at once. A failure of the
 * fetch ahead surfaces when the consumer gets to it, never as an unhandled rejection; a consumer that stops early
 * closes the source once the fetch in flight settles.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  let finished = false;
  try {
    for (;;) {
      const result = await next;
      if (result.done) {
        finished = true;
        return;
      }
      next = iterator.next();
      next.catch(() => {}); // awaited on the next turn, or dropped with the consumer
      yield result.value;
    }
  } catch (error) {
    finished = true; // the source threw: it is already closed
    throw error;
  } finally {
    if (!finished) {
      const close = () => iterator.return?.()?.catch(() => {});
      next.then(close, close);
    }
  }
}
