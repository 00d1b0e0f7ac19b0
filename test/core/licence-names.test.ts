import { describeLicences, describePlanLicences, licenceName } from '../../core/licence-names';

describe('licence names', () => {
  it('names a SKU as Microsoft sells it', () => {
    expect(licenceName('O365_BUSINESS_ESSENTIALS')).toBe('Microsoft 365 Business Basic');
    expect(licenceName('spb')).toBe('Microsoft 365 Business Premium');
  });

  it('keeps a part number it does not know', () => {
    expect(licenceName('CONTOSO_SPECIAL')).toBe('CONTOSO_SPECIAL');
  });

  it('joins several licences and says when there are none', () => {
    expect(describeLicences(['SPB', 'EXCHANGESTANDARD'])).toBe(
      'Microsoft 365 Business Premium + Exchange Online (Plan 1)',
    );
    expect(describeLicences([])).toBe('no licences');
  });

  it('names a plan called after its one licence once', () => {
    expect(describePlanLicences({ name: 'Microsoft 365 Business Premium', skus: ['SPB'] })).toBe(
      'Microsoft 365 Business Premium',
    );
  });

  it('names the licences of a plan called otherwise', () => {
    expect(describePlanLicences({ name: 'Sales', skus: ['SPB', 'POWER_BI_PRO'] })).toBe(
      'Sales (Microsoft 365 Business Premium + Power BI Pro)',
    );
  });
});
