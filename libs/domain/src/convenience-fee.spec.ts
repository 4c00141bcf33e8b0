import fc from 'fast-check';

import {
  ConvenienceFeeError,
  ConvenienceFeePolicy,
  convenienceFee,
  feeRefundFor,
  PaymentMethodKind,
} from './convenience-fee';
import { MoneyError } from './money';
import { RefundError } from './refund-allocation';

const threePercent: ConvenienceFeePolicy = { percentBasisPoints: 300, capMinor: null };

const policy = fc.record({
  percentBasisPoints: fc.integer({ min: 0, max: 10_000 }),
  capMinor: fc.option(fc.integer({ min: 0, max: 1e9 })),
});
const amount = fc.integer({ min: 0, max: 1e13 });

describe('convenienceFee', () => {
  it('charges a card the percentage, rounded half up', () => {
    expect(convenienceFee(10000, 'card', threePercent, false)).toBe(300);
    expect(convenienceFee(12345, 'card', threePercent, false)).toBe(370); // 370.35
    expect(convenienceFee(50, 'card', { percentBasisPoints: 100, capMinor: null }, false)).toBe(1);
  });

  it('never charges ACH, a waived payment, or without a policy', () => {
    expect(convenienceFee(10000, 'us_bank_account', threePercent, false)).toBe(0);
    expect(convenienceFee(10000, 'card', threePercent, true)).toBe(0);
    expect(convenienceFee(10000, 'card', null, false)).toBe(0);
  });

  it('caps the fee', () => {
    const capped = { percentBasisPoints: 300, capMinor: 2500 };
    expect(convenienceFee(1_000_000, 'card', capped, false)).toBe(2500);
    expect(convenienceFee(50_000, 'card', capped, false)).toBe(1500);
    expect(convenienceFee(1_000_000, 'card', { percentBasisPoints: 300, capMinor: 0 }, false)).toBe(
      0,
    );
  });

  it('refuses a bad policy, an unknown kind and a bad amount', () => {
    for (const bad of [
      { percentBasisPoints: -1, capMinor: null },
      { percentBasisPoints: 2.5, capMinor: null },
      { percentBasisPoints: 10_001, capMinor: null },
      { percentBasisPoints: 300, capMinor: -1 },
      { percentBasisPoints: 300, capMinor: 1.5 },
    ]) {
      expect(() => convenienceFee(100, 'card', bad, false)).toThrow(ConvenienceFeeError);
      // Also when no fee would be due, so a misconfiguration is seen early.
      expect(() => convenienceFee(100, 'us_bank_account', bad, true)).toThrow(ConvenienceFeeError);
    }
    expect(() => convenienceFee(100, 'paypal' as PaymentMethodKind, null, false)).toThrow(
      expect.objectContaining({ code: 'unknown_method_kind' }),
    );
    expect(() => convenienceFee(-1, 'card', threePercent, false)).toThrow(MoneyError);
    expect(() => convenienceFee(1.5, 'card', threePercent, false)).toThrow(MoneyError);
  });

  it('is between 0 and the cap, 0 for ACH, and monotonic in the amount (property)', () => {
    fc.assert(
      fc.property(policy, amount, amount, (p, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const fee = convenienceFee(low, 'card', p, false);
        expect(Number.isSafeInteger(fee)).toBe(true);
        expect(fee).toBeGreaterThanOrEqual(0);
        if (p.capMinor !== null) expect(fee).toBeLessThanOrEqual(p.capMinor);
        expect(fee).toBeLessThanOrEqual(low);
        expect(convenienceFee(high, 'card', p, false)).toBeGreaterThanOrEqual(fee);
        expect(convenienceFee(low, 'us_bank_account', p, false)).toBe(0);
        expect(convenienceFee(low, 'card', p, true)).toBe(0);
      }),
    );
  });

  it('is the exact half-up percentage when below the cap (property)', () => {
    fc.assert(
      fc.property(policy, amount, (p, a) => {
        const exact = (BigInt(a) * BigInt(p.percentBasisPoints) * 2n + 10_000n) / 20_000n;
        const expected = p.capMinor === null ? exact : BigInt(Math.min(Number(exact), p.capMinor));
        expect(BigInt(convenienceFee(a, 'card', p, false))).toBe(expected);
      }),
    );
  });
});

describe('feeRefundFor', () => {
  const payment = { amount: 10000, fee: 300, amountRefunded: 0, feeRefunded: 0 };

  it('refunds the fee in proportion', () => {
    expect(feeRefundFor(payment, 5000)).toBe(150);
    expect(feeRefundFor(payment, 3333)).toBe(100); // 99.99
    expect(feeRefundFor({ ...payment, fee: 1 }, 5000)).toBe(1); // 0.5 rounds up
  });

  it('gives the refund that empties the payment all the fee left', () => {
    expect(feeRefundFor(payment, 10000)).toBe(300);
    expect(feeRefundFor({ ...payment, amountRefunded: 9999, feeRefunded: 1 }, 1)).toBe(299);
  });

  it('sums three thirds to the fee exactly', () => {
    const fee = 100;
    let state = { amount: 300, fee, amountRefunded: 0, feeRefunded: 0 };
    const parts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const part = feeRefundFor(state, 100);
      parts.push(part);
      state = {
        ...state,
        amountRefunded: state.amountRefunded + 100,
        feeRefunded: state.feeRefunded + part,
      };
    }
    expect(parts).toEqual([33, 34, 33]);
  });

  it('refuses a refund of nothing, of more than is left, or on an inconsistent payment', () => {
    const code = { code: 'over_refundable' };
    expect(() => feeRefundFor(payment, 0)).toThrow(expect.objectContaining(code));
    expect(() => feeRefundFor(payment, 10001)).toThrow(expect.objectContaining(code));
    expect(() => feeRefundFor({ ...payment, amountRefunded: 10000 }, 1)).toThrow(
      expect.objectContaining(code),
    );
    expect(() => feeRefundFor(payment, 10001)).toThrow(RefundError);
    expect(() => feeRefundFor({ ...payment, feeRefunded: 301 }, 1)).toThrow(RefundError);
    expect(() => feeRefundFor({ ...payment, amountRefunded: 10001 }, 1)).toThrow(RefundError);
    expect(() => feeRefundFor(payment, 1.5)).toThrow(MoneyError);
  });

  it('never refunds more than the fee left, even after an inconsistent earlier record', () => {
    // 150 of the fee already back after 10% of the amount: the next 10% gets nothing.
    expect(feeRefundFor({ ...payment, amountRefunded: 1000, feeRefunded: 150 }, 1000)).toBe(0);
  });

  it('sums exactly to the fee over any split of the amount (property)', () => {
    const split = fc
      .record({
        amount: fc.integer({ min: 1, max: 1e12 }),
        bps: fc.integer({ min: 0, max: 10_000 }),
      })
      .chain(({ amount, bps }) =>
        fc.tuple(
          fc.constant(amount),
          fc.integer({ min: 0, max: Math.round((amount * bps) / 10_000) }),
          (amount > 1
            ? fc.uniqueArray(fc.integer({ min: 1, max: amount - 1 }), { maxLength: 8 })
            : fc.constant([] as number[])
          ).map((cuts) =>
            [0, ...cuts.sort((x, y) => x - y), amount].flatMap((c, i, all) =>
              i === 0 ? [] : [c - all[i - 1]],
            ),
          ),
        ),
      );
    fc.assert(
      fc.property(split, ([amount, fee, refunds]) => {
        let amountRefunded = 0;
        let feeRefunded = 0;
        for (const refund of refunds) {
          const part = feeRefundFor({ amount, fee, amountRefunded, feeRefunded }, refund);
          expect(Number.isSafeInteger(part)).toBe(true);
          expect(part).toBeGreaterThanOrEqual(0);
          // Each part is within a cent of its exact share.
          const off = BigInt(part) * BigInt(amount) - BigInt(fee) * BigInt(refund);
          expect(off < 0n ? -off : off).toBeLessThanOrEqual(BigInt(amount));
          amountRefunded += refund;
          feeRefunded += part;
          expect(feeRefunded).toBeLessThanOrEqual(fee);
        }
        expect(amountRefunded).toBe(amount);
        expect(feeRefunded).toBe(fee);
      }),
    );
  });
});
