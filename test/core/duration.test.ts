import { formatDuration, parseDuration } from '../../core/duration';

describe('durations', () => {
  it.each([
    ['1m', 1],
    ['30m', 30],
    ['4h', 240],
    ['2d', 2880],
    ['2D', 2880],
  ])('reads %s as %i minutes', (raw, minutes) => {
    expect(parseDuration(raw)).toEqual({ ok: true, minutes });
  });

  it.each(['4 hours', '0m', '1.5h', 'h', '', '-2h', '2w'])(
    'refuses %j, naming the accepted forms or the minimum',
    (raw) => {
      const checked = parseDuration(raw);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.message).toMatch(/30m, 4h or 2d|shortest duration is 1m/);
    },
  );

  it.each([
    [45, '45m'],
    [120, '2h'],
    [1500, '1d 1h'],
    [2881, '2d 1m'],
  ])('writes %i minutes as %s', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});
