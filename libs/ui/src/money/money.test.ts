import { describe, expect, it } from 'vitest';

import { currencySymbol, formatMoney } from './money';

describe('formatMoney', () => {
  it('formats integer cents with the currency fraction digits', () => {
    expect(formatMoney(2038333, 'USD', 'en-US')).toBe('$20,383.33');
    expect(formatMoney(2038333, 'USD')).toBe('$20,383.33');
    expect(formatMoney(5, 'USD', 'en-US')).toBe('$0.05');
    expect(formatMoney(1234, 'JPY', 'en-US')).toBe('¥1,234');
    expect(formatMoney(1234, 'KWD', 'en-US')).toMatch(/^KWD\s1\.234$/);
    expect(formatMoney(574000, 'EUR', 'de-DE')).toMatch(/^5\.740,00\s€$/);
  });
});

describe('currencySymbol', () => {
  it('gives the sign an amount input shows before the number', () => {
    expect(currencySymbol('USD', 'en-US')).toBe('$');
    expect(currencySymbol('CAD', 'en-US')).toBe('CA$');
    expect(currencySymbol('EUR', 'en-US')).toBe('€');
    expect(currencySymbol('GBP', 'en-US')).toBe('£');
  });
});
