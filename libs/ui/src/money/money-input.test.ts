import { describe, expect, it } from 'vitest';

import { minorToInput, parseMoneyInput } from './money-input';

describe('parseMoneyInput', () => {
  it.each([
    ['1500', 150000],
    ['1500.5', 150050],
    ['1,500.50', 150050],
    ['$20', 2000],
    ['CA$20.50', 2050],
    ['€ 7', 700],
    [' 0.1 ', 10],
    ['.5', 50],
    ['1.', 100],
    ['007.07', 707],
    // float traps: 19.99 * 100 = 1998.9999999999998, 1.15 * 100 = 114.99999999999999
    ['19.99', 1999],
    ['1.15', 115],
    ['4.35', 435],
    ['999999999999.99', 99999999999999],
  ])('reads %j as %i minor units', (text, minor) => {
    expect(parseMoneyInput(text)).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 'Enter an amount'],
    ['   ', 'Enter an amount'],
    ['-5', 'Enter an amount greater than zero'],
    ['1.005', 'Use at most 2 decimal places'],
    ['abc', 'Enter an amount such as 1500.00'],
    ['1.2.3', 'Enter an amount such as 1500.00'],
    ['1e3', 'Enter an amount such as 1500.00'],
    ['.', 'Enter an amount such as 1500.00'],
    ['1 000', 'Enter an amount such as 1500.00'],
    ['1000000000000', 'The amount is too large'],
  ])('refuses %j', (text, error) => {
    expect(parseMoneyInput(text)).toEqual({ ok: false, error });
  });

  it('zero parses (the caller decides it is not payable)', () => {
    expect(parseMoneyInput('0.00')).toEqual({ ok: true, minor: 0 });
  });

  it('follows the currency digits', () => {
    expect(parseMoneyInput('1500', 0)).toEqual({ ok: true, minor: 1500 });
    expect(parseMoneyInput('15.5', 0)).toEqual({ ok: false, error: 'Enter a whole amount' });
    expect(parseMoneyInput('1.234', 3)).toEqual({ ok: true, minor: 1234 });
  });

  it('always returns a safe integer', () => {
    for (let cents = 0; cents < 1000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      const parsed = parseMoneyInput(text);
      expect(parsed).toEqual({ ok: true, minor: cents });
    }
  });
});

describe('minorToInput', () => {
  it.each([
    [150050, '1500.50'],
    [5, '0.05'],
    [0, '0.00'],
    [100000, '1000.00'],
  ])('writes %i as %j', (minor, text) => {
    expect(minorToInput(minor)).toBe(text);
    expect(parseMoneyInput(text)).toEqual({ ok: true, minor });
  });

  it('follows the currency digits and refuses non-integers', () => {
    expect(minorToInput(1500, 0)).toBe('1500');
    expect(() => minorToInput(1.5)).toThrow(RangeError);
  });
});
