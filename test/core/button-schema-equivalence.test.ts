import { parseButtonCommand as derived, buttonCommandNames as derivedNames } from '../../core/commands/button-commands';
import { parseButtonCommand as literal, buttonCommandNames as literalNames } from './old-button-commands';

const values: Record<string, unknown[]> = {
  upn: ['jane@contoso.com', '', 'a b', 5, true, undefined, 'x'.repeat(321)],
  planId: ['business-basic', '', undefined, 3],
  customerId: ['contoso', '', undefined, 'a\nb', false],
  topic: ['add user', 'x'.repeat(101), undefined, 7, ''],
  delete: [true, false, undefined, 'true'],
  confirmed: [true, false, undefined, 'yes'],
  extra: [undefined, 'x'],
  tenantId: [undefined, 'b3a1c2d4-8e9f-4a0b-9c1d-2e3f4a5b6c7d'],
};
const names = [...new Set([...literalNames, ...derivedNames, 'confirm-consent', 'access', 'decide', 'nope'])];

function* samples(): Generator<Record<string, unknown>> {
  for (const name of names) {
    const keys = Object.keys(values);
    // every key alone varied over its values, the others at their first (valid) value or absent
    for (const key of keys) {
      for (const value of values[key]!) {
        for (const baseAbsent of [true, false]) {
          const sample: Record<string, unknown> = { name };
          if (!baseAbsent) {
            for (const other of ['upn', 'planId', 'customerId', 'delete']) sample[other] = values[other]![0];
          }
          if (value !== undefined) sample[key] = value;
          yield sample;
        }
      }
    }
  }
}

it('derives the same button schemas as the literal ones', () => {
  expect([...derivedNames].sort()).toEqual([...literalNames].sort());
  let count = 0;
  for (const sample of samples()) {
    expect([sample, derived(sample)]).toEqual([sample, literal(sample)]);
    count++;
  }
  for (const odd of [null, undefined, 'help', 3, [], { name: 5 }]) expect(derived(odd)).toEqual(literal(odd));
  expect(count).toBeGreaterThan(500);
});
