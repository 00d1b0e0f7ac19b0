import { decodeRecord, encodeRecord } from '../../../store/embedded/json-lines';

describe('embedded store record encoding', () => {
  it('brings dates back as Dates wherever they are, and leaves everything else as it was', () => {
    const at = new Date('2026-03-02T09:00:00.000Z');
    const record = {
      at,
      nested: { list: [at, 1, 'x', null, { when: at }], plain: { $date: 'not alone', other: 1 } },
      empty: {},
      none: null,
    };
    const decoded = decodeRecord(encodeRecord(record)) as typeof record;
    expect(decoded).toEqual(record);
    expect(decoded.nested.list[0]).toBeInstanceOf(Date);
    expect((decoded.nested.list[4] as { when: Date }).when).toBeInstanceOf(Date);
    expect(record.at).toBe(at);
  });

  it('keeps a key named __proto__ a plain key', () => {
    const text = '{"__proto__":{"polluted":true},"at":{"$date":"2026-03-02T09:00:00.000Z"}}';
    const decoded = decodeRecord(text) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(['__proto__', 'at']);
    expect(JSON.parse(encodeRecord(decoded))).toEqual(JSON.parse(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
