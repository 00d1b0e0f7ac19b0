/** Who holds a licence, in the words of the licences card: counts first, plans by the names people know. */
import { describeHolders } from '../../cards/licence-lines';
import type { SkuLicences } from '../../core/licences-view';

const sku: SkuLicences = {
  partNumber: 'SPB',
  name: 'Microsoft 365 Business Premium',
  purchased: 40,
  assigned: 31,
  free: 9,
  byPlan: [{ planId: 'business-premium', planName: 'Microsoft 365 Business Premium', users: 4 }],
  unmanaged: 27,
};

it('names each plan by its name with its count, then those m365ops does not manage', () => {
  expect(describeHolders(sku)).toBe('4 on Microsoft 365 Business Premium · 27 not managed by m365ops');
});

it('says nobody when no one holds it', () => {
  expect(describeHolders({ ...sku, assigned: 0, byPlan: [], unmanaged: 0 })).toBe('nobody');
});
