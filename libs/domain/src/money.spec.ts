import fc from 'fast-check';

import {
  add,
  assertMinorUnits,
  compare,
  CurrencyMismatchError,
  equals,
  isNegative,
  isZero,
  max,
  min,
  minorUnitDigits,
  money,
  MoneyError,
  negate,
  percentOf,
  subtract,
  sum,
} from './money';

const MAX = Number.MAX_SAFE_INTEGER;
const usd = (amount: number) => money(amount, 'USD');
const safeInt = fc.integer({ min: -MAX, max: MAX });
// Small enough that sums of a few never overflow, large enough to be realistic invoices.
const cents = fc.integer({ min: -1e12, max: 1e12 });

describe('money', () => {
  it('holds an integer number of minor units and a currency', () => {
    expect(money(125050, 'USD')).toEqual({ amount: 125050, currency: 'USD' });
  });

  it.each([1.5, 0.1, NaN, Infinity, -Infinity, MAX + 1, -MAX - 1])(
    'rejects the amount %p',
    (amount) => {
      expect(() => money(amount, 'USD')).toThrow(MoneyError);
    },
  );

  it.each(['usd', 'US', 'USDD', '', 'U$D', ' USD'])('rejects the currency %p', (currency) => {
    expect(() => money(1, currency)).toThrow(MoneyError);
  });

  it('treats -0 as 0 so equality and serialisation agree', () => {
    expect(Object.is(money(-0, 'USD').amount, 0)).toBe(true);
    expect(Object.is(negate(usd(0)).amount, 0)).toBe(true);
  });
});

describe('arithmetic', () => {
  it('adds, subtracts and negates exactly', () => {
    expect(add(usd(10), usd(5))).toEqual(usd(15));
    expect(subtract(usd(10), usd(15))).toEqual(usd(-5));
    expect(negate(usd(7))).toEqual(usd(-7));
  });

  it('refuses to mix currencies in every binary operation', () => {
    const eur = money(1, 'EUR');
    for (const op of [add, subtract, compare, equals, min, max]) {
      expect(() => op(usd(1), eur)).toThrow(CurrencyMismatchError);
    }
    expect(() => sum([usd(1), eur], 'USD')).toThrow(CurrencyMismatchError);
    expect(() => sum([eur], 'USD')).toThrow(CurrencyMismatchError);
  });

  it('throws instead of losing precision beyond MAX_SAFE_INTEGER', () => {
    expect(add(usd(MAX - 1), usd(1))).toEqual(usd(MAX));
    expect(() => add(usd(MAX), usd(1))).toThrow(MoneyError);
    expect(() => subtract(usd(-MAX), usd(1))).toThrow(MoneyError);
    expect(() => sum([usd(MAX), usd(MAX), usd(-MAX)], 'USD')).toThrow(MoneyError);
  });

  it('sums an empty list to zero in the requested currency', () => {
    expect(sum([], 'JPY')).toEqual(money(0, 'JPY'));
    expect(() => sum([], 'yen')).toThrow(MoneyError);
  });

  it('add and subtract are inverse, and add is commutative (property)', () => {
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        expect(subtract(add(usd(a), usd(b)), usd(b))).toEqual(usd(a));
        expect(add(usd(a), usd(b))).toEqual(add(usd(b), usd(a)));
      }),
    );
  });

  it('either returns the exact sum or throws, never a rounded one (property)', () => {
    fc.assert(
      fc.property(safeInt, safeInt, (a, b) => {
        const exact = BigInt(a) + BigInt(b);
        if (exact > BigInt(MAX) || exact < -BigInt(MAX)) {
          expect(() => add(usd(a), usd(b))).toThrow(MoneyError);
        } else {
          expect(BigInt(add(usd(a), usd(b)).amount)).toBe(exact);
        }
      }),
    );
  });
});

describe('comparison', () => {
  it('answers zero, negative, compare, equals, min and max', () => {
    expect(isZero(usd(0))).toBe(true);
    expect(isZero(usd(1))).toBe(false);
    expect(isNegative(usd(-1))).toBe(true);
    expect(isNegative(usd(0))).toBe(false);
    expect(compare(usd(1), usd(2))).toBe(-1);
    expect(compare(usd(2), usd(2))).toBe(0);
    expect(compare(usd(3), usd(2))).toBe(1);
    expect(equals(usd(2), usd(2))).toBe(true);
    expect(equals(usd(2), usd(3))).toBe(false);
    expect(min(usd(2), usd(3))).toEqual(usd(2));
    expect(max(usd(2), usd(3))).toEqual(usd(3));
  });

  it('compare is antisymmetric and consistent with min/max (property)', () => {
    fc.assert(
      fc.property(safeInt, safeInt, (a, b) => {
        expect(compare(usd(a), usd(b))).toBe(-compare(usd(b), usd(a)) || 0);
        expect(min(usd(a), usd(b)).amount).toBe(Math.min(a, b));
        expect(max(usd(a), usd(b)).amount).toBe(Math.max(a, b));
      }),
    );
  });
});

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
    expect(percentOf(usd(10000), 290)).toEqual(usd(290));
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
