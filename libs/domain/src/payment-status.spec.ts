import fc from 'fast-check';

import {
  assertTransition,
  canTransition,
  collectedOrExpected,
  holdsInvoiceBalance,
  isPaymentStatus,
  isTentative,
  PAYMENT_STATUSES,
  PaymentStatus,
  PaymentTransitionError,
} from './payment-status';

/** A status nothing leaves. */
const isFinal = (status: PaymentStatus) =>
  PAYMENT_STATUSES.every((to) => !canTransition(status, to));

describe('payment status', () => {
  const allowed: [PaymentStatus, PaymentStatus][] = [
    ['scheduled', 'processing'],
    ['scheduled', 'cancelled'],
    ['scheduled', 'failed'],
    ['pending_approval', 'processing'],
    ['pending_approval', 'cancelled'],
    ['pending_approval', 'failed'],
    ['processing', 'succeeded'],
    ['processing', 'failed'],
    ['processing', 'returned'],
    ['succeeded', 'returned'],
    ['succeeded', 'refunded'],
  ];

  it('allows exactly the designed transitions', () => {
    for (const from of PAYMENT_STATUSES) {
      for (const to of PAYMENT_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect([from, to, canTransition(from, to)]).toEqual([from, to, expected]);
      }
    }
  });

  it('asserts exactly what it allows, naming both ends of a refused move (property)', () => {
    const status = fc.constantFrom(...PAYMENT_STATUSES);
    fc.assert(
      fc.property(status, status, (from, to) => {
        if (canTransition(from, to)) {
          expect(() => assertTransition(from, to)).not.toThrow();
        } else {
          expect(() => assertTransition(from, to)).toThrow(PaymentTransitionError);
          expect(() => assertTransition(from, to)).toThrow(`from ${from} to ${to}`);
        }
      }),
    );
  });

  it('never leaves a final status, and reaches one from anywhere', () => {
    for (const from of PAYMENT_STATUSES.filter(isFinal))
      for (const to of PAYMENT_STATUSES) expect(canTransition(from, to)).toBe(false);
    const reachable = (from: PaymentStatus) => {
      const seen = new Set<PaymentStatus>([from]);
      const todo = [from];
      while (todo.length) {
        const at = todo.pop()!;
        for (const to of PAYMENT_STATUSES)
          if (canTransition(at, to) && !seen.has(to)) {
            seen.add(to);
            todo.push(to);
          }
      }
      return [...seen];
    };
    for (const from of PAYMENT_STATUSES) expect(reachable(from).some(isFinal)).toBe(true);
  });

  it('answers false for unknown statuses', () => {
    expect(canTransition('draft' as PaymentStatus, 'processing')).toBe(false);
    expect(canTransition('scheduled', 'toString' as PaymentStatus)).toBe(false);
    expect(isPaymentStatus('toString')).toBe(false);
    expect(isPaymentStatus('succeeded')).toBe(true);
    expect(isPaymentStatus(undefined)).toBe(false);
  });

  it('knows which statuses are tentative, final, or hold the invoice balance', () => {
    const where = (f: (s: PaymentStatus) => boolean) => PAYMENT_STATUSES.filter(f);
    expect(where(isTentative)).toEqual(['scheduled', 'pending_approval']);
    expect(where(holdsInvoiceBalance)).toEqual(['processing', 'succeeded']);
    expect(where(isFinal)).toEqual(['failed', 'cancelled', 'returned', 'refunded']);
    expect(Object.fromEntries(PAYMENT_STATUSES.map((s) => [s, collectedOrExpected(s)]))).toEqual({
      scheduled: 'expected',
      pending_approval: 'expected',
      processing: 'expected',
      succeeded: 'collected',
      failed: null,
      cancelled: null,
      returned: null,
      refunded: null,
    });
  });

  it('fits the status column', () => {
    for (const status of PAYMENT_STATUSES) expect(status.length).toBeLessThanOrEqual(20);
  });
});
