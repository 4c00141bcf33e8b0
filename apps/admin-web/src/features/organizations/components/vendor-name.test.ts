import { describe, expect, it } from 'vitest';

import { vendorName } from './vendor-name';

describe('vendorName', () => {
  it('writes known vendors as they write themselves and title-cases the rest', () => {
    expect(vendorName('connectwise')).toBe('ConnectWise');
    expect(vendorName('quickbooks')).toBe('QuickBooks');
    expect(vendorName('stripe')).toBe('Stripe');
    expect(vendorName('halopsa')).toBe('HaloPSA');
    expect(vendorName('acme-erp')).toBe('Acme Erp');
    expect(vendorName('my_books')).toBe('My Books');
  });
});
