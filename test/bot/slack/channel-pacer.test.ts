import { createChannelPacer, type PacerTime } from '../../../bot/slack/channel-pacer';

/** A clock that only moves when the pacer sleeps, so spacing is measured without waiting. */
function fakeTime(): PacerTime & { slept: number[] } {
  let now = 10_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('channel pacer', () => {
  it('starts each send to one channel at least the minimum interval after the previous one', async () => {
    const time = fakeTime();
    const pacer = createChannelPacer(400, time);
    const starts: number[] = [];
    await Promise.all([1, 2, 3].map(() => pacer.run('C1', async () => starts.push(time.now()))));
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(400);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(400);
  });

  it('does not make one channel wait for another', async () => {
    const time = fakeTime();
    const pacer = createChannelPacer(400, time);
    await Promise.all([pacer.run('C1', async () => 1), pacer.run('C2', async () => 2)]);
    expect(time.slept).toEqual([]);
  });

  it('lets a failed send fail its own caller only', async () => {
    const pacer = createChannelPacer(400, fakeTime());
    const failed = pacer.run('C1', async () => {
      throw new Error('channel_not_found');
    });
    await expect(failed).rejects.toThrow('channel_not_found');
    await expect(pacer.run('C1', async () => 'sent')).resolves.toBe('sent');
  });
});
