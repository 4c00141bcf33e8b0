import fc from 'fast-check';

import {
  assertMinorUnits,
  fromDecimalNumber,
  minorUnitDigits,
  MoneyError,
  percentOf,
  toDecimalString,
} from './money';

const MAX = Number.MAX_SAFE_INTEGER;
const safeInt = fc.integer({ min: -MAX, max: MAX });

describe('minorUnitDigits', () => {
  it('knows zero-, two- and three-decimal currencies', () => {
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('KWD')).toBe(3);
  });

  it('rejects a malformed currency code', () => {
    expect(() => minorUnitDigits('usd')).toThrow(MoneyError);
  });
});

describe('percentOf', () => {
  it('computes a card fee of 2.9% in basis points', () => {
    expect(percentOf(125050, 290)).toBe(3626); // 3626.45
  });

  it('rounds exactly half a minor unit up, and mirrors it for negative amounts', () => {
    expect(percentOf(50, 100)).toBe(1); // 0.5
    expect(percentOf(149, 100)).toBe(1); // 1.49
    expect(percentOf(150, 100)).toBe(2); // 1.5
    expect(percentOf(-150, 100)).toBe(-2);
    expect(percentOf(49, 100)).toBe(0);
  });

  it('stays exact where amount * basisPoints is beyond a safe integer', () => {
    // 9007199254740991 * 9999 / 10000 = 9006298534815516.9009 → ...517
    expect(percentOf(MAX, 9999)).toBe(9006298534815517);
    expect(() => percentOf(MAX, 10001)).toThrow(MoneyError);
  });

  it('rejects fractional or negative basis points and non-integer amounts', () => {
    expect(() => percentOf(100, 2.5)).toThrow(MoneyError);
    expect(() => percentOf(100, -1)).toThrow(MoneyError);
    expect(() => percentOf(1.5, 100)).toThrow(MoneyError);
  });

  it('matches exact rational half-up rounding (property)', () => {
    fc.assert(
      fc.property(safeInt, fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const n = BigInt(amount) * BigInt(bps);
        const sign = n < 0n ? -1n : 1n;
        const expected = sign * ((sign * n * 2n + 10_000n) / 20_000n);
        expect(BigInt(percentOf(amount, bps))).toBe(expected);
      }),
    );
  });
});

describe('assertMinorUnits', () => {
  it('accepts non-negative safe integers', () => {
    expect(assertMinorUnits(0)).toBe(0);
    expect(assertMinorUnits(125050)).toBe(125050);
    expect(assertMinorUnits(MAX)).toBe(MAX);
  });

  it.each([-1, 1.5, NaN, Infinity, MAX + 1, '100', null, undefined, 10n, {}])(
    'rejects %p',
    (value) => {
      expect(() => assertMinorUnits(value)).toThrow(MoneyError);
    },
  );

  it('never accepts anything but a non-negative safe integer (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const ok = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
        if (ok) expect(assertMinorUnits(value)).toBe(value === 0 ? 0 : value);
        else expect(() => assertMinorUnits(value)).toThrow(MoneyError);
      }),
    );
  });
});

describe('toDecimalString', () => {
  it("writes major units with the currency's digits", () => {
    expect(toDecimalString(125050, 'USD')).toBe('1250.50');
    expect(toDecimalString(5, 'USD')).toBe('0.05');
    expect(toDecimalString(0, 'USD')).toBe('0.00');
    expect(toDecimalString(1250, 'JPY')).toBe('1250');
    expect(toDecimalString(1234, 'KWD')).toBe('1.234');
    expect(toDecimalString(-1999, 'EUR')).toBe('-19.99');
  });

  it('is exact at any safe size', () => {
    expect(toDecimalString(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91');
  });

  it('refuses what is not an amount or a currency', () => {
    expect(() => toDecimalString(1.5, 'USD')).toThrow(MoneyError);
    expect(() => toDecimalString(100, 'usd')).toThrow(MoneyError);
  });

  it('reads back as the same number of minor units (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (minor) => {
        const text = toDecimalString(minor, 'USD');
        expect(text).toMatch(/^-?\d+\.\d{2}$/);
        expect(BigInt(text.replace('.', ''))).toBe(BigInt(minor));
      }),
    );
  });
});

describe('fromDecimalNumber', () => {
  it('reads major units by the currency’s digits', () => {
    expect(fromDecimalNumber(1540.5, 'USD')).toBe(154050);
    expect(fromDecimalNumber(0.1 + 0.2, 'USD')).toBe(30);
    expect(fromDecimalNumber(1250, 'JPY')).toBe(1250);
    expect(fromDecimalNumber(-12.34, 'EUR')).toBe(-1234);
    expect(() => fromDecimalNumber(Number.NaN, 'USD')).toThrow(MoneyError);
  });

  it('gives back every amount that toDecimalString wrote', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('USD', 'JPY', 'EUR'),
        (minor, currency) =>
          fromDecimalNumber(Number(toDecimalString(minor, currency)), currency) === minor,
      ),
    );
  });
});
